package dev.bulwark.auth.jwt.internal;

import java.util.Base64;
import java.util.Optional;

/**
 * Base64url without padding, canonical only (RFC 7515 §2, RFC 4648 §3.5). The JDK's decoder accepts
 * padding and ignores non-zero trailing bits, so two different strings would decode to the same
 * signature; a JWS verifier must accept exactly one spelling (Wycheproof "ModifiedPadding",
 * "ModifiedSignature").
 */
public final class StrictBase64Url {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private StrictBase64Url() {}

  /** The bytes of {@code text[from, to)}, or empty if that range is not canonical unpadded base64url. */
  public static Optional<byte[]> decode(String text, int from, int to) {
    int remainder = (to - from) % 4;
    // The JDK's URL decoder refuses characters outside the alphabet and '=' anywhere but the end.
    if (remainder == 1 || (to > from && text.charAt(to - 1) == '=')) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = DECODER.decode(text.substring(from, to));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    if (remainder != 0) {
      // The last character must be exactly the one the encoder writes for the last byte: its unused
      // low bits zero (RFC 4648 §3.5).
      int last = bytes[bytes.length - 1];
      char expected = ALPHABET.charAt(remainder == 2 ? (last & 0x03) << 4 : (last & 0x0f) << 2);
      if (text.charAt(to - 1) != expected) {
        return Optional.empty();
      }
    }
    return Optional.of(bytes);
  }

  /** Unpadded base64url of {@code data}. */
  public static String encode(byte[] data) {
    return ENCODER.encodeToString(data);
  }
}
