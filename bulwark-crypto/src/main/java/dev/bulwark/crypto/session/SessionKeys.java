package dev.bulwark.crypto.session;

import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.kdf.Hkdf;
import dev.bulwark.crypto.kdf.HkdfAlgorithm;
import java.nio.charset.StandardCharsets;

/** The key schedule of a session (docs/secure-session.md). Stateless. */
final class SessionKeys {
  static final int KEY_BYTES = 32;
  static final long MAX_EPOCH = 0xFFFF_FFFFL;
  private static final byte[] RATCHET_INFO = "bulwark session ratchet v1".getBytes(StandardCharsets.US_ASCII);

  private SessionKeys() {}

  /** The epoch-0 key of one direction. */
  static byte[] initial(byte[] master, byte[] context, AeadAlgorithm algorithm, boolean initiatorToResponder) {
    String label = "bulwark session v1 " + algorithm.name()
        + (initiatorToResponder ? " initiator to responder " : " responder to initiator ");
    byte[] prefix = label.getBytes(StandardCharsets.US_ASCII);
    byte[] info = new byte[prefix.length + context.length];
    System.arraycopy(prefix, 0, info, 0, prefix.length);
    System.arraycopy(context, 0, info, prefix.length, context.length);
    return Hkdf.derive(HkdfAlgorithm.HKDF_SHA256, master, new byte[0], info, KEY_BYTES);
  }

  /** The next epoch's key: one-way, so a captured key does not reveal earlier ones. */
  static byte[] next(byte[] key) {
    return Hkdf.derive(HkdfAlgorithm.HKDF_SHA256, key, new byte[0], RATCHET_INFO, KEY_BYTES);
  }
}
