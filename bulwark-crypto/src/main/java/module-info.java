/**
 * Bulwark's cryptography: secure random and tokens, constant-time comparison, and (as they land)
 * digests, MACs, KDFs, keysets, AEAD, Fernet, asymmetric and post-quantum primitives.
 *
 * <p>Only API packages are exported; implementation lives in {@code ...internal} packages.
 */
// "module": the qualified export below names a module that depends on this one, so it is not on
// this module's path when it compiles; javac warns about that, and the warning is expected.
@SuppressWarnings("module")
module dev.bulwark.crypto {
  requires org.bouncycastle.provider;

  exports dev.bulwark.crypto;
  exports dev.bulwark.crypto.aead;
  exports dev.bulwark.crypto.agreement;
  exports dev.bulwark.crypto.envelope;
  exports dev.bulwark.crypto.fernet;
  exports dev.bulwark.crypto.hash;
  exports dev.bulwark.crypto.kdf;
  exports dev.bulwark.crypto.kem;
  exports dev.bulwark.crypto.keyset;
  exports dev.bulwark.crypto.mac;
  exports dev.bulwark.crypto.pke;
  exports dev.bulwark.crypto.session;
  exports dev.bulwark.crypto.signature;
  exports dev.bulwark.crypto.streaming;
  exports dev.bulwark.crypto.tokens;

  // The strict JSON reader/writer serves the audit module's SARIF and JSON reports too.
  exports dev.bulwark.crypto.internal.json to dev.bulwark.audit;
}
