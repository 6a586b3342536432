package dev.bulwark.channel.internal;

import dev.bulwark.channel.ChannelSuite;
import dev.bulwark.crypto.kdf.Hkdf;
import dev.bulwark.crypto.kdf.HkdfAlgorithm;
import java.nio.charset.StandardCharsets;

/** The key schedule of docs/channel-protocol.md §1 and §3. Stateless. */
final class KeySchedule {
  static final int KEY_BYTES = 32;
  private static final byte[] C2S = "bulwark channel v1 c2s".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] S2C = "bulwark channel v1 s2c".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RATCHET = "bulwark channel v1 ratchet".getBytes(StandardCharsets.US_ASCII);

  private KeySchedule() {}

  /** The epoch-0 key of one direction: HKDF over both shared secrets, salted with the transcript. */
  static byte[] initial(byte[] ikm, byte[] transcriptHash, ChannelSuite suite, boolean clientToServer) {
    byte[] label = clientToServer ? C2S : S2C;
    byte[] info = new byte[label.length + 2];
    System.arraycopy(label, 0, info, 0, label.length);
    info[label.length] = (byte) (suite.code() >>> 8);
    info[label.length + 1] = (byte) suite.code();
    return Hkdf.derive(HkdfAlgorithm.HKDF_SHA256, ikm, transcriptHash, info, KEY_BYTES);
  }

  /** The next epoch's key; one-way, so a captured key does not open earlier epochs. */
  static byte[] next(byte[] key) {
    return Hkdf.derive(HkdfAlgorithm.HKDF_SHA256, key, new byte[0], RATCHET, KEY_BYTES);
  }
}
