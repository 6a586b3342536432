package dev.bulwark.crypto.aead;

import dev.bulwark.crypto.CryptoException;

/**
 * Authenticated encryption with associated data: confidentiality and integrity for the plaintext,
 * integrity for the associated data (which is not encrypted and not part of the output).
 *
 * {@snippet :
 * AeadKey key = AeadKey.generate(AeadAlgorithm.AES256_GCM);
 * Aead aead = key.aead();
 * byte[] context = "invoice 42".getBytes(StandardCharsets.UTF_8);
 * byte[] ciphertext = aead.encrypt(plaintext, context);
 * byte[] back = aead.decrypt(ciphertext, context); // throws CryptoException if anything changed
 * }
 *
 * <p>Decryption either returns the exact plaintext that was encrypted with the same key and the same
 * associated data, or throws: a tampered, truncated, re-keyed or re-contextualised ciphertext never
 * yields partial output. Bind each ciphertext to where it belongs (a record id, a column name) with
 * the associated data, so a valid ciphertext cannot be moved somewhere else.
 *
 * <p>Implementations are thread-safe.
 */
public interface Aead {
  /**
   * Encrypts under a fresh random nonce.
   *
   * @param plaintext the data to protect (may be empty)
   * @param associatedData authenticated context, not encrypted (may be empty, never null)
   * @return {@code nonce || ciphertext || tag}
   * @throws CryptoException if the key was destroyed or has reached its message limit
   */
  byte[] encrypt(byte[] plaintext, byte[] associatedData) throws CryptoException;

  /**
   * Verifies and decrypts.
   *
   * @param ciphertext {@code nonce || ciphertext || tag} as returned by {@link #encrypt}
   * @param associatedData the same associated data that was given to {@link #encrypt}
   * @return the plaintext
   * @throws CryptoException on any failure: truncated input, wrong key, wrong associated data,
   *     modified bytes, destroyed key
   */
  byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws CryptoException;
}
