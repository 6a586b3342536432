/**
 * Bulwark's cryptography: secure random and tokens, constant-time comparison, and (as they land)
 * digests, MACs, KDFs, keysets, AEAD, Fernet, asymmetric and post-quantum primitives.
 *
 * <p>Only API packages are exported; implementation lives in {@code ...internal} packages.
 */
module dev.bulwark.crypto {
  requires org.bouncycastle.provider;

  exports dev.bulwark.crypto;
  exports dev.bulwark.crypto.agreement;
  exports dev.bulwark.crypto.envelope;
  exports dev.bulwark.crypto.kdf;
  exports dev.bulwark.crypto.kem;
  exports dev.bulwark.crypto.pke;
  exports dev.bulwark.crypto.signature;
  exports dev.bulwark.crypto.tokens;
}
