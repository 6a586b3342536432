package dev.bulwark.crypto.hash;

import dev.bulwark.crypto.ConstantTime;
import dev.bulwark.crypto.CryptoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * does not grow with the input. Thread-safe: stateless.
 */
public final class Digests {
  /** Size of the read buffer for streams and files. */
  public static final int BUFFER_BYTES = 64 * 1024;

  private Digests() {}

  /** A new incremental computation of {@code algorithm}. */
  public static Hasher newHasher(DigestAlgorithm algorithm) {
    return Hasher.of(algorithm);
  }

  /** The digest of {@code data}. */
  public static byte[] digest(DigestAlgorithm algorithm, byte[] data) {
    return Hasher.of(algorithm).update(data).digest();
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
