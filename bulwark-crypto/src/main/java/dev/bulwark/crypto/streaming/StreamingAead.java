package dev.bulwark.crypto.streaming;

import dev.bulwark.crypto.CryptoException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;

/**
 * Authenticated encryption for data of any size in constant memory: the input is cut into segments,
 * each sealed under a per-stream key with a nonce that carries its index and a last-segment flag, so
 * modified, reordered, truncated, spliced or extended streams are detected (format:
 * docs/streaming-aead.md). Obtain one from {@code Keyset.streamingAead()}.
 *
 * {@snippet :
 * StreamingAead streaming = keyset.streamingAead();
 * try (OutputStream out = streaming.newEncryptingStream(Files.newOutputStream(target), context)) {
 *   in.transferTo(out);
 * }
 * try (InputStream in = streaming.newDecryptingStream(Files.newInputStream(target), context)) {
 *   in.transferTo(sink);   // throws IOException (cause: CryptoException) on any tampering
 * }
 * }
 *
 * <p>Warning: plaintext is released segment by segment, each segment only after it authenticated,
 * but a truncation is only detected at the end of the stream. Treat decrypted output as untrusted
 * until the stream has been read to its end without an exception (write it to a temporary file and
 * move it into place only then).
 *
 * <p>The decrypting stream reports crypto failures as an {@link IOException} whose cause is a
 * {@link CryptoException} ({@code InputStream} cannot throw anything else); {@link #decrypt} unwraps
 * it. Implementations are thread-safe; the streams they return are not.
 */
public interface StreamingAead {
  /**
   * Returns a stream that encrypts what is written to it into {@code ciphertextSink}; {@code close()}
   * writes the last segment and closes the sink. Without {@code close()} the ciphertext is
   * incomplete and will be refused.
   *
   * @throws IOException if the header cannot be written
   * @throws CryptoException if the primary key cannot be used
   */
  OutputStream newEncryptingStream(OutputStream ciphertextSink, byte[] associatedData)
      throws IOException, CryptoException;

  /** Returns a stream that reads, verifies and decrypts {@code ciphertextSource}. */
  InputStream newDecryptingStream(InputStream ciphertextSource, byte[] associatedData);

  /** A channel view of {@link #newDecryptingStream}. */
  default ReadableByteChannel newDecryptingChannel(ReadableByteChannel ciphertextSource, byte[] associatedData) {
    return Channels.newChannel(newDecryptingStream(Channels.newInputStream(ciphertextSource), associatedData));
  }

  /**
   * Encrypts all of {@code plaintext} into {@code ciphertext}; closes neither.
   *
   * @throws IOException if reading or writing fails
   * @throws CryptoException if the primary key cannot be used
   */
  default void encrypt(InputStream plaintext, OutputStream ciphertext, byte[] associatedData)
      throws IOException, CryptoException {
    OutputStream unclosable = new java.io.FilterOutputStream(ciphertext) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
    try (OutputStream encrypting = newEncryptingStream(unclosable, associatedData)) {
      plaintext.transferTo(encrypting);
    }
  }

  /**
   * Decrypts all of {@code ciphertext} into {@code plaintext}; closes neither.
   *
   * @throws CryptoException if the stream was modified, truncated, extended, or made with another
   *     key or associated data (some plaintext may already have been written: see the warning above)
   * @throws IOException if reading or writing fails
   */
  default void decrypt(InputStream ciphertext, OutputStream plaintext, byte[] associatedData)
      throws IOException, CryptoException {
    InputStream decrypting = newDecryptingStream(ciphertext, associatedData);
    try {
      decrypting.transferTo(plaintext);
    } catch (IOException e) {
      if (e.getCause() instanceof CryptoException crypto) {
        throw crypto;
      }
      throw e;
    }
  }
}
