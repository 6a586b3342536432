package dev.bulwark.crypto.hash;

import dev.bulwark.crypto.ConstantTime;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.internal.BorrowPool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One-shot and streaming message digests, and constant-time verification of a digest.
 *
 * {@snippet :
 * byte[] d = Digests.digest(DigestAlgorithm.SHA256, Path.of("release.tar.gz"));
 * Digests.verify(DigestAlgorithm.SHA256, downloaded, publishedDigest); // CryptoException if not
 * }
 *
 * <p>Streams and files are read through one fixed buffer of {@value #BUFFER_BYTES} bytes, so memory
 * does not grow with the input. Thread-safe: the one-shot {@link #digest(DigestAlgorithm, byte[])}
 * keeps one JDK {@code MessageDigest} per platform thread and algorithm (used by that thread only),
 * and a small shared pool per algorithm for virtual threads (one borrower at a time); everything else
 * is stateless.
 */
public final class Digests {
  /** Size of the read buffer for streams and files. */
  public static final int BUFFER_BYTES = 64 * 1024;

  // For one-shot digests on platform threads (pools, event loops): MessageDigest.getInstance costs
  // about half of hashing 64 bytes. digest() resets the object and the JDK zeroes its buffered input
  // then, so nothing of one message stays behind for the next. The array and its elements are JDK
  // classes: the thread-local cannot pin this library's class loader.
  private static final ThreadLocal<MessageDigest[]> PER_PLATFORM_THREAD =
      ThreadLocal.withInitial(() -> new MessageDigest[DigestAlgorithm.values().length]);

  // Virtual threads borrow from a small shared pool per algorithm instead (see BorrowPool); digest()
  // resets a digest before it goes back, as above.
  private static final int VIRTUAL_POOL_SIZE = 16;
  private static final List<BorrowPool<MessageDigest>> FOR_VIRTUAL_THREADS = Arrays.stream(DigestAlgorithm.values())
      .map(a -> new BorrowPool<>(VIRTUAL_POOL_SIZE, () -> Hasher.jdkDigest(a)))
      .toList();

  private Digests() {}

  /** A new incremental computation of {@code algorithm}. */
  public static Hasher newHasher(DigestAlgorithm algorithm) {
    return Hasher.of(algorithm);
  }

  /** The digest of {@code data}. */
  public static byte[] digest(DigestAlgorithm algorithm, byte[] data) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(data, "data");
    if (algorithm.jdkName() == null) {
      return Hasher.of(algorithm).update(data).digest();
    }
    if (Thread.currentThread().isVirtual()) {
      BorrowPool<MessageDigest> pool = FOR_VIRTUAL_THREADS.get(algorithm.ordinal());
      MessageDigest md = pool.take();
      byte[] digest = md.digest(data);
      pool.give(md);
      return digest;
    }
    MessageDigest[] mine = PER_PLATFORM_THREAD.get();
    MessageDigest md = mine[algorithm.ordinal()];
    if (md == null) {
      md = Hasher.jdkDigest(algorithm);
      mine[algorithm.ordinal()] = md;
    }
    return md.digest(data);
  }

  /**
   * The digest of everything left in {@code in}; the stream is read to its end and not closed.
   *
   * @throws IOException if reading fails
   */
  public static byte[] digest(DigestAlgorithm algorithm, InputStream in) throws IOException {
    Objects.requireNonNull(in, "in");
    Hasher hasher = Hasher.of(algorithm);
    byte[] buffer = new byte[BUFFER_BYTES];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      hasher.update(buffer, 0, n);
    }
    return hasher.digest();
  }

  /**
   * The digest of a file's content, streamed.
   *
   * @throws IOException if the file cannot be opened or read
   */
  public static byte[] digest(DigestAlgorithm algorithm, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return digest(algorithm, in);
    }
  }

  /**
   * Checks that {@code data} has the digest {@code expected}, comparing in constant time.
   *
   * @throws CryptoException if it does not (including when {@code expected} has the wrong length)
   */
  public static void verify(DigestAlgorithm algorithm, byte[] data, byte[] expected) throws CryptoException {
    Objects.requireNonNull(expected, "expected");
    if (!ConstantTime.equals(digest(algorithm, data), expected)) {
      throw new CryptoException("digest mismatch");
    }
  }
}
