package dev.bulwark.crypto.signature;

import dev.bulwark.crypto.CryptoException;

/**
 * Verifies signatures with a public key (Tink's {@code PublicKeyVerify}): returns normally only if
 * {@code signature} is a valid signature over {@code data} under this key and algorithm, and throws
 * otherwise. There is no boolean to forget to check. Implementations are thread-safe.
 */
public interface PublicKeyVerify {
  /**
   * Verifies {@code signature} over {@code data}.
   *
   * @throws CryptoException if the signature is invalid, malformed, or made with another key
   */
  void verify(byte[] signature, byte[] data) throws CryptoException;
}
