package dev.bulwark.crypto.pke;

import dev.bulwark.crypto.CryptoException;

/**
 * Decrypts what a {@link HybridEncrypt} made for this private key (Tink's {@code HybridDecrypt}).
 * Implementations are thread-safe.
 */
public interface HybridDecrypt {
  /**
   * Decrypts and authenticates {@code ciphertext} under {@code contextInfo}.
   *
   * @throws CryptoException if the ciphertext is truncated, tampered, of an unknown version or suite,
   *     made for another key, or the context differs
   */
  byte[] decrypt(byte[] ciphertext, byte[] contextInfo) throws CryptoException;
}
