package dev.bulwark.auth.jwt;

import dev.bulwark.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds tokens with attacker-chosen headers and payloads, signed with a real key (as an attacker holding a key, or a buggy issuer, would). */
final class Forge {
  private Forge() {}

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String b64(String json) {
    return b64(json.getBytes(StandardCharsets.UTF_8));
  }

  static String signed(JwtSigningKey key, String headerJson, String payloadJson) {
    String input = b64(headerJson) + "." + b64(payloadJson);
    try {
      return input + "." + b64(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (CryptoException e) {
      throw new IllegalStateException(e);
    }
  }
}
