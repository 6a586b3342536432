package dev.bulwark.crypto.tokens;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Unpredictable tokens for session ids, reset links, nonces and the like, as raw bytes, hex,
 * URL-safe base64 without padding, or base62.
 *
 * <p>Every token comes from a {@link SecureRandom}: by default the JDK's DRBG (NIST SP 800-90A
 * Hash_DRBG) instantiated at 256-bit strength and seeded by the operating system. Tests may supply
 * their own source with {@link #using(SecureRandom)}.
 *
 * <p>Sizes are counted in random bytes, from 1 to {@value #MAX_BYTES}; the default of 32 bytes (256
 * bits) is beyond any guessing. Fewer than 16 bytes (128 bits) is too few for a secret token: the
 * methods accept it because non-secret ids may be shorter, but do not use it for anything an attacker
 * must not guess.
 *
 * {@snippet :
 * String sessionId = SecureTokens.system().urlSafe(32); // 43 characters
 * }
 *
 * <p>Thread-safe.
 */
public final class SecureTokens {
  /** The default token size in bytes: 256 bits. */
  public static final int DEFAULT_BYTES = 32;

  /** The largest token size in bytes this class produces. */
  public static final int MAX_BYTES = 1024;

  private static final SecureTokens SYSTEM = new SecureTokens(newDrbg());
  private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random;

  private SecureTokens(SecureRandom random) {
    this.random = random;
  }

  /** Tokens from the shared, OS-seeded DRBG. */
  public static SecureTokens system() {
    return SYSTEM;
  }

  /**
   * Tokens from the given source; meant for tests that need repeatable output.
   *
   * @throws NullPointerException if {@code random} is null
   */
  public static SecureTokens using(SecureRandom random) {
    return new SecureTokens(Objects.requireNonNull(random, "random"));
  }

  /**
   * @param byteCount how many random bytes, 1 to {@value #MAX_BYTES}
   * @return a fresh array of random bytes
   * @throws IllegalArgumentException if {@code byteCount} is out of range
   */
  public byte[] bytes(int byteCount) {
    checkSize(byteCount);
    byte[] out = new byte[byteCount];
    random.nextBytes(out);
    return out;
  }

  /** {@code byteCount} random bytes as lower-case hex (2 characters a byte). */
  public String hex(int byteCount) {
    byte[] raw = bytes(byteCount);
    try {
      return HexFormat.of().formatHex(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** {@code byteCount} random bytes as URL-safe base64 without padding (RFC 4648 §5). */
  public String urlSafe(int byteCount) {
    byte[] raw = bytes(byteCount);
    try {
      return URL_SAFE.encodeToString(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** A {@value #DEFAULT_BYTES}-byte URL-safe token (43 characters). */
  public String urlSafe() {
    return urlSafe(DEFAULT_BYTES);
  }

  /**
   * {@code byteCount} random bytes as fixed-width base62 ({@code 0-9A-Za-z}): no punctuation, so the
   * token survives double-click selection and every URL and file-name context.
   */
  public String base62(int byteCount) {
    byte[] raw = bytes(byteCount);
    try {
      return Base62.encode(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  static void checkSize(int byteCount) {
    if (byteCount < 1 || byteCount > MAX_BYTES) {
      throw new IllegalArgumentException(
          "token size must be 1 to " + MAX_BYTES + " bytes, got " + byteCount);
    }
  }

  private static SecureRandom newDrbg() {
    try {
      return SecureRandom.getInstance(
          "DRBG",
          DrbgParameters.instantiation(
              256, DrbgParameters.Capability.RESEED_ONLY, "bulwark-tokens".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK's DRBG at 256-bit strength is missing", e);
    }
  }
}
