package dev.bulwark.auth.password.internal;

import dev.bulwark.crypto.CryptoException;

/** bcrypt's own base64 ({@code ./A-Za-z0-9}, no padding): decoding of the 22-character salt. */
final class BcryptBase64 {
  private static final String ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private BcryptBase64() {}

  /** Decodes the first {@code length} bytes of {@code encoded}. */
  static byte[] decode(String encoded, int length) throws CryptoException {
    byte[] out = new byte[length];
    int bits = 0;
    int buffer = 0;
    int written = 0;
    for (int i = 0; i < encoded.length() && written < length; i++) {
      int value = ALPHABET.indexOf(encoded.charAt(i));
      if (value < 0) {
        throw new CryptoException("malformed password hash: bad bcrypt salt character");
      }
      buffer = (buffer << 6) | value;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[written++] = (byte) (buffer >> bits); // buffer < 2^14: no sign bit to shift
        buffer &= (1 << bits) - 1;
      }
    }
    if (written != length) {
      throw new CryptoException("malformed password hash: bcrypt salt too short");
    }
    return out;
  }
}
