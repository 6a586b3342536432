package dev.bulwark.crypto.tokens;

import dev.bulwark.crypto.ConstantTime;
import dev.bulwark.crypto.CryptoException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * CSRF tokens in the OWASP "signed double-submit cookie" pattern: a token is a random nonce and an
 * HMAC-SHA256 over the nonce and the session it belongs to, so a token taken from one session (or
 * planted by a sibling subdomain) is useless in another, and no server-side token store is needed.
 *
 * <p>Token form: {@code base64url(nonce, 16 bytes) "." base64url(tag, 32 bytes)}, 66 characters.
 * The MAC input is domain-separated and length-prefixed: {@code "bulwark-csrf-v1" 0x00 ||
 * uint32(len(binding)) || binding (UTF-8) || nonce}.
 *
 * {@snippet :
 * CsrfTokens csrf = CsrfTokens.create(key);
 * String token = csrf.issue(sessionId);     // put it in the form and in a cookie
 * csrf.verify(submittedToken, sessionId);   // throws CryptoException when forged or from another session
 * }
 *
 * <p>Thread-safe.
 */
public final class CsrfTokens {
  private static final int NONCE_BYTES = 16;
  private static final int TAG_BYTES = 32;
  private static final byte[] DOMAIN = "bulwark-csrf-v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final int TOKEN_LENGTH = 22 + 1 + 43;

  private final CsrfKey key;
  private final SecureTokens random;

  private CsrfTokens(CsrfKey key, SecureTokens random) {
    this.key = key;
    this.random = random;
  }

  /** Tokens under {@code key}, nonces from the system DRBG. */
  public static CsrfTokens create(CsrfKey key) {
    return create(key, SecureTokens.system());
  }

  /** Tokens under {@code key}, nonces from {@code random} (tests). */
  public static CsrfTokens create(CsrfKey key, SecureTokens random) {
    return new CsrfTokens(Objects.requireNonNull(key, "key"), Objects.requireNonNull(random, "random"));
  }

  /**
   * A new token bound to {@code sessionBinding} (the session id, or the user id for stateless
   * sessions).
   *
   * @throws IllegalArgumentException if the binding is empty
   */
  public String issue(String sessionBinding) {
    byte[] nonce = random.bytes(NONCE_BYTES);
    return ENCODER.encodeToString(nonce) + "." + ENCODER.encodeToString(tag(sessionBinding, nonce));
  }

  /**
   * Checks a submitted token against the session it must belong to.
   *
   * @throws CryptoException if the token is malformed, forged, or issued for another session
   */
  public void verify(String token, String sessionBinding) throws CryptoException {
    if (token == null || token.length() != TOKEN_LENGTH || token.charAt(22) != '.') {
      throw new CryptoException("malformed CSRF token");
    }
    byte[] nonce;
    byte[] presented;
    try {
      nonce = DECODER.decode(token.substring(0, 22));
      presented = DECODER.decode(token.substring(23));
    } catch (IllegalArgumentException e) {
      throw new CryptoException("malformed CSRF token");
    }
    if (nonce.length != NONCE_BYTES || presented.length != TAG_BYTES) {
      throw new CryptoException("malformed CSRF token");
    }
    byte[] expected = tag(sessionBinding, nonce);
    try {
      if (!ConstantTime.equals(expected, presented)) {
        throw new CryptoException("CSRF token does not match this session");
      }
    } finally {
      Arrays.fill(expected, (byte) 0);
    }
  }

  private byte[] tag(String sessionBinding, byte[] nonce) {
    if (sessionBinding == null || sessionBinding.isEmpty()) {
      throw new IllegalArgumentException("a CSRF token must be bound to a non-empty session");
    }
    byte[] binding = sessionBinding.getBytes(StandardCharsets.UTF_8);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key.macKey());
      mac.update(DOMAIN);
      mac.update(ByteBuffer.allocate(4).putInt(binding.length).array());
      mac.update(binding);
      mac.update(nonce);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
    }
  }
}
