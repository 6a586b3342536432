package dev.bulwark.crypto.internal.asym;

import dev.bulwark.crypto.CryptoException;
import java.util.Base64;

/** Strict unpadded base64url (RFC 7515 §2) for JWK members. Thread-safe: stateless. */
public final class Base64Url {
  private Base64Url() {}

  /** Encodes without padding. */
  public static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Decodes unpadded base64url, rejecting padding, other alphabets and non-canonical trailing bits.
   *
   * @throws CryptoException if {@code text} is not canonical unpadded base64url
   */
  public static byte[] decode(String text) throws CryptoException {
    if (text.indexOf('=') >= 0) {
      throw new CryptoException("base64url member must not be padded");
    }
    byte[] out;
    try {
      out = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new CryptoException("base64url member is malformed");
    }
    if (!encode(out).equals(text)) {
      throw new CryptoException("base64url member is not canonical");
    }
    return out;
  }
}
