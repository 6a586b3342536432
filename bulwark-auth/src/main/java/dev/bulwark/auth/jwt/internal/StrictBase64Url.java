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
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private StrictBase64Url() {}

  /** The bytes of {@code text[from, to)}, or empty if that range is not canonical unpadded base64url. */
  public static Optional<byte[]> decode(String text, int from, int to) {
    int length = to - from;
    if (length % 4 == 1) {
      return Optional.empty();
    }
    int last = 0;
    for (int i = from; i < to; i++) {
      int value = sextet(text.charAt(i));
      if (value < 0) {
        return Optional.empty();
      }
      last = value;
    }
    // The unused low bits of the final character must be zero (RFC 4648 §3.5, canonical encoding).
    if ((length % 4 == 2 && (last & 0x0f) != 0) || (length % 4 == 3 && (last & 0x03) != 0)) {
      return Optional.empty();
    }
    return Optional.of(DECODER.decode(text.substring(from, to)));
  }

  /** Unpadded base64url of {@code data}. */
  public static String encode(byte[] data) {
    return ENCODER.encodeToString(data);
  }

  private static int sextet(char c) {
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
