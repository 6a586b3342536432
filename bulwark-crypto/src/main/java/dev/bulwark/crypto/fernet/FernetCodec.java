package dev.bulwark.crypto.fernet;

import dev.bulwark.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The token layout of the Fernet spec and its strict base64url decoding. Every rejection here
 * happens before any key is used and carries the same generic message, so a caller learns nothing
 * about which check failed.
 */
final class FernetCodec {
  static final byte VERSION = (byte) 0x80;
  static final int TIMESTAMP_OFFSET = 1;
  static final int IV_OFFSET = 9;
  static final int IV_BYTES = 16;
  static final int CIPHERTEXT_OFFSET = IV_OFFSET + IV_BYTES;
  static final int HMAC_BYTES = 32;
  static final int BLOCK_BYTES = 16;

  /** Version, timestamp, IV and HMAC: everything but the ciphertext. */
  static final int OVERHEAD_BYTES = CIPHERTEXT_OFFSET + HMAC_BYTES;

  /** PKCS#7 always adds at least one byte, so the ciphertext is at least one block. */
  static final int MIN_TOKEN_BYTES = OVERHEAD_BYTES + BLOCK_BYTES;

  static final int MAX_TOKEN_BYTES = OVERHEAD_BYTES + paddedLength(Fernet.MAX_PLAINTEXT_BYTES);

  /** Padded base64 length of the largest token; longer input is refused before decoding. */
  static final int MAX_TOKEN_CHARS = 4 * ((MAX_TOKEN_BYTES + 2) / 3);

  static final String INVALID = "invalid Fernet token";

  private FernetCodec() {}

  static int paddedLength(int plaintextBytes) {
    return (plaintextBytes / BLOCK_BYTES + 1) * BLOCK_BYTES;
  }

  /**
   * Decodes a token and checks its shape (size bounds, version byte, whole blocks of ciphertext).
   *
   * @return the raw token bytes
   * @throws CryptoException with the one generic message for any malformed token
   */
  static byte[] decodeToken(String token) throws CryptoException {
    if (token == null) {
      throw new NullPointerException("token");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new CryptoException(INVALID);
    }
    // Non-ASCII characters become '?', which the decoder rejects.
    byte[] data = decodeCanonical(token.getBytes(StandardCharsets.US_ASCII));
    if (data.length < MIN_TOKEN_BYTES
        || data.length > MAX_TOKEN_BYTES
        || data[0] != VERSION
        || (data.length - OVERHEAD_BYTES) % BLOCK_BYTES != 0) {
      throw new CryptoException(INVALID);
    }
    return data;
  }

  static long timestamp(byte[] data) {
    long value = 0;
    for (int i = TIMESTAMP_OFFSET; i < IV_OFFSET; i++) {
      value = (value << 8) | (data[i] & 0xff);
    }
    return value;
  }

  static void putTimestamp(byte[] out, long timestamp) {
    for (int i = IV_OFFSET - 1; i >= TIMESTAMP_OFFSET; i--) {
      out[i] = (byte) timestamp;
      timestamp >>>= 8;
    }
  }

  static String encode(byte[] token) {
    return new String(Base64.getUrlEncoder().encode(token), StandardCharsets.US_ASCII);
  }

  /**
   * Strict URL-safe base64: a multiple of 4 characters, padding only at the end, and zero unused
   * bits in the last character, so each byte string has exactly one accepted spelling (no
   * malleable tokens that differ in text but open to the same message).
   *
   * @return the decoded bytes
   * @throws CryptoException with the generic token message if {@code ascii} is not canonical
   *     base64url with padding
   */
  static byte[] decodeCanonical(byte[] ascii) throws CryptoException {
    int length = ascii.length;
    if (length == 0 || length % 4 != 0) {
      throw new CryptoException(INVALID);
    }
    int padding = ascii[length - 1] == '=' ? (ascii[length - 2] == '=' ? 2 : 1) : 0;
    if (padding > 0) {
      int last = sextet(ascii[length - 1 - padding]);
      int unusedBitsMask = padding == 1 ? 0x03 : 0x0f;
      if (last < 0 || (last & unusedBitsMask) != 0) {
        throw new CryptoException(INVALID);
      }
    }
    try {
      return Base64.getUrlDecoder().decode(ascii);
    } catch (IllegalArgumentException malformed) {
      throw new CryptoException(INVALID);
    }
  }

  private static int sextet(byte c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == '-') {
      return 62;
    }
    return c == '_' ? 63 : -1;
  }
}
