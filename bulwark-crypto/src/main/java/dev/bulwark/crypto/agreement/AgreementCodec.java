package dev.bulwark.crypto.agreement;

import dev.bulwark.crypto.CryptoException;
import java.util.Arrays;
import java.util.HexFormat;

/** Fixed-prefix DER for X25519 keys (RFC 8410) and shared helpers. */
final class AgreementCodec {
  static final int X25519_KEY_BYTES = 32;
  static final int P256_SCALAR_BYTES = 32;
  static final int P256_POINT_BYTES = 65;
  private static final HexFormat HEX = HexFormat.of();
  static final byte[] X25519_SPKI_PREFIX = HEX.parseHex("302a300506032b656e032100");
  static final byte[] X25519_PKCS8_PREFIX = HEX.parseHex("302e020100300506032b656e04220420");

  private AgreementCodec() {}

  static byte[] stripPrefix(byte[] der, byte[] prefix, int length, String what) throws CryptoException {
    if (der.length != prefix.length + length
        || !Arrays.equals(der, 0, prefix.length, prefix, 0, prefix.length)) {
      throw new CryptoException("not a " + what);
    }
    return Arrays.copyOfRange(der, prefix.length, der.length);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** A big-endian unsigned integer in exactly {@code length} bytes. */
  static byte[] fixed(java.math.BigInteger value, int length) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }
}
