package dev.bulwark.crypto.aead;

import dev.bulwark.crypto.CryptoException;

/**
 * An {@link Aead} that can also write into a buffer the caller owns, for hot paths that encrypt
 * many messages and would otherwise allocate (and first touch) a new output array per message. The
 * bytes written are exactly those of {@link #encrypt(byte[], byte[])} ({@code nonce || ciphertext ||
 * tag} for an {@link AeadKey}'s AEAD; a keyset puts its header in front), readable by either
 * {@code decrypt}.
 *
 * {@snippet :
 * BufferAead aead = AeadKey.generate(AeadAlgorithm.AES256_GCM).aead();
 * byte[] buffer = new byte[aead.ciphertextLength(maxPlaintext)];
 * int sealedLength = aead.encrypt(plaintext, context, buffer, 0);
 * // send buffer[0, sealedLength) ...
 * byte[] plain = new byte[aead.plaintextLength(received.length)];
 * aead.decrypt(received, context, plain, 0); // throws CryptoException if anything changed
 * }
 *
 * <p>What can go wrong, and what happens then:
 *
 * <ul>
 *   <li>an output range that does not fit in {@code out}: {@link IndexOutOfBoundsException} before
 *       anything is written (and, for {@code encrypt}, before the key's message budget is used);
 *   <li>an output range that overlaps the input or the associated data (the same array):
 *       {@link IllegalArgumentException}, nothing written. Encrypting or decrypting in place is not
 *       offered: the nonce is written first and would overwrite the input;
 *   <li>a truncated, tampered, re-keyed or re-contextualised ciphertext: {@link CryptoException}.
 *       The JDK's AES-GCM decrypts while it authenticates, so unverified plaintext may be written
 *       into {@code out[offset, offset + plaintextLength)} during the call; that range is zeroed
 *       before the exception is thrown (the JDK zeroes it, and so do we, whatever the engine). The
 *       rest of {@code out} is never touched. Do not let another thread read the range while a
 *       decryption into it is running.
 * </ul>
 *
 * <p>Implementations are thread-safe; a buffer must of course not be shared by concurrent calls.
 */
public interface BufferAead extends Aead {
  /**
   * The length of {@code encrypt}'s output for a plaintext of {@code plaintextLength} bytes.
   *
   * @throws IllegalArgumentException if the length is negative or the result would not fit in an
   *     array (use streaming AEAD for such sizes)
   */
  int ciphertextLength(int plaintextLength);

  /**
   * The plaintext length a ciphertext of {@code ciphertextLength} bytes decrypts to (if it
   * authenticates): exact for an {@link AeadKey}'s AEAD; an upper bound for a keyset whose keys have
   * different nonce sizes (see {@code KeysetAead}), where {@code decrypt} returns the exact length.
   *
   * @throws CryptoException if the length is shorter than the nonce and tag (a truncated input)
   */
  int plaintextLength(int ciphertextLength) throws CryptoException;

  /**
   * Encrypts under a fresh random nonce into {@code out[offset, offset + ciphertextLength(
   * plaintext.length))}. Counts against the key's message limit exactly like {@link
   * #encrypt(byte[], byte[])}.
   *
   * @return the number of bytes written, {@code ciphertextLength(plaintext.length)}
   * @throws CryptoException if the key was destroyed or has reached its message limit
   * @throws IndexOutOfBoundsException if the output does not fit in {@code out} from {@code offset}
   * @throws IllegalArgumentException if the output range overlaps {@code plaintext} or {@code
   *     associatedData}
   */
  int encrypt(byte[] plaintext, byte[] associatedData, byte[] out, int offset) throws CryptoException;

  /**
   * Verifies and decrypts what {@code encrypt} wrote (for an {@link AeadKey}'s AEAD: {@code nonce ||
   * ciphertext || tag}) into {@code out} from {@code offset}: at most {@code
   * plaintextLength(ciphertext.length)} bytes, exactly the returned count.
   *
   * @return the number of plaintext bytes written
   * @throws CryptoException on any authentication failure or a truncated input; nothing unverified
   *     is left in {@code out}: either nothing was written (a truncated or unreadable header) or the
   *     plaintext range was zeroed (see the class comment)
   * @throws IndexOutOfBoundsException if the plaintext does not fit in {@code out} from {@code
   *     offset}; nothing is written
   * @throws IllegalArgumentException if the output range overlaps {@code ciphertext} or {@code
   *     associatedData}; nothing is written
   */
  int decrypt(byte[] ciphertext, byte[] associatedData, byte[] out, int offset) throws CryptoException;
}
