package dev.bulwark.crypto.pke;

import dev.bulwark.crypto.CryptoException;

/**
 * Encrypts to a recipient's public key (Tink's {@code HybridEncrypt}). Each call makes a fresh
 * encapsulation, so two encryptions of one plaintext differ. Implementations are thread-safe.
 */
public interface HybridEncrypt {
  /**
   * Encrypts {@code plaintext}. {@code contextInfo} is authenticated but not sent: the decrypter must
   * pass the same bytes (bind the purpose, the sender, a record id...).
   *
   * @throws CryptoException if the provider fails
   */
  byte[] encrypt(byte[] plaintext, byte[] contextInfo) throws CryptoException;
}
