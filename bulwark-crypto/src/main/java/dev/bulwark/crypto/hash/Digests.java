package dev.bulwark.crypto.hash;

import dev.bulwark.crypto.ConstantTime;
import dev.bulwark.crypto.CryptoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

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

  // Virtual threads are short-lived (a server runs each request on a fresh one) and would each fill
  // a thread-local for one use: they borrow from a small shared pool per algorithm instead, one
  // digest per borrower at a time, reset by digest() before it goes back (as above). A full pool
  // drops the returned object, an empty one makes a new one: the bound is memory, never a wait.
  private static final int VIRTUAL_POOL_SIZE = 16;
  private static final List<BlockingQueue<MessageDigest>> FOR_VIRTUAL_THREADS = Arrays.stream(DigestAlgorithm.values())
      .map(a -> (BlockingQueue<MessageDigest>) new ArrayBlockingQueue<MessageDigest>(VIRTUAL_POOL_SIZE))
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
      BlockingQueue<MessageDigest> pool = FOR_VIRTUAL_THREADS.get(algorithm.ordinal());
      MessageDigest md = pool.poll();
      if (md == null) {
        md = Hasher.jdkDigest(algorithm);
      }
      byte[] digest = md.digest(data);
      if (!pool.offer(md)) {
        // The pool is full (more concurrent hashers than it keeps): this digest is left to the collector.
        md = null;
      }
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
