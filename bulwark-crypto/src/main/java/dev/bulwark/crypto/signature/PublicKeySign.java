package dev.bulwark.crypto.signature;

import dev.bulwark.crypto.CryptoException;

/**
 * Signs data with a private key (Tink's {@code PublicKeySign}). Obtain one from {@link
 * SigningKey#signer()}. Implementations are thread-safe.
 *
 * {@snippet :
 * SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519);
 * byte[] signature = key.signer().sign(message);
 * key.verifyingKey().verifier().verify(signature, message); // throws if it does not verify
 * }
 */
public interface PublicKeySign {
  /**
   * Signs {@code data}.
   *
   * @throws CryptoException if the key was destroyed or the provider failed
   */
  byte[] sign(byte[] data) throws CryptoException;
}
