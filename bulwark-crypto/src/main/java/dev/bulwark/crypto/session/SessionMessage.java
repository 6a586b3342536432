package dev.bulwark.crypto.session;

import dev.bulwark.crypto.CryptoException;

/**
 * The session message layout: {@code 0x01 | epoch (4, BE) | counter (8, BE) | ciphertext || tag}.
 * The nonce is {@code epoch | counter} (12 bytes); the AEAD's associated data is the 13-byte header
 * followed by the caller's associated data, so the header is authenticated.
 */
final class SessionMessage {
  static final byte VERSION = 0x01;
  static final int HEADER_BYTES = 13;
  static final int TAG_BYTES = 16;

  private SessionMessage() {}

  static void writeHeader(byte[] out, long epoch, long counter) {
    out[0] = VERSION;
    for (int i = 0; i < 4; i++) {
      out[1 + i] = (byte) (epoch >>> (24 - 8 * i));
    }
    for (int i = 0; i < 8; i++) {
      out[5 + i] = (byte) (counter >>> (56 - 8 * i));
    }
  }

  static void checkShape(byte[] message) throws CryptoException {
    if (message.length < HEADER_BYTES + TAG_BYTES) {
      throw new CryptoException("session message truncated");
    }
    if (message[0] != VERSION) {
      throw new CryptoException("unknown session message version");
    }
  }

  static long epoch(byte[] message) {
    long epoch = 0;
    for (int i = 1; i < 5; i++) {
      epoch = (epoch << 8) | (message[i] & 0xff);
    }
    return epoch;
  }

  static long counter(byte[] message) {
    long counter = 0;
    for (int i = 5; i < 13; i++) {
      counter = (counter << 8) | (message[i] & 0xff);
    }
    return counter;
  }

  /** The nonce: the header without its version byte. */
  static byte[] nonce(byte[] header) {
    byte[] nonce = new byte[12];
    System.arraycopy(header, 1, nonce, 0, 12);
    return nonce;
  }

  /** header || caller's associated data. */
  static byte[] associatedData(byte[] message, byte[] callerData) {
    byte[] ad = new byte[HEADER_BYTES + callerData.length];
    System.arraycopy(message, 0, ad, 0, HEADER_BYTES);
    System.arraycopy(callerData, 0, ad, HEADER_BYTES, callerData.length);
    return ad;
  }
}
