package dev.bulwark.crypto.tokens;

import dev.bulwark.crypto.ConstantTime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A well-formed Bulwark API key (see {@link ApiKeys}). Its {@link #toString()} shows only a hint
 * ({@code bwk_AbCd…}); the whole value is reachable only through {@link #insecureValue()}, so that
 * every place that exposes a key can be found with grep.
 *
 * <p>Immutable and thread-safe. Equality is constant-time.
 */
public final class ApiKey {
  private static final int HINT_CHARS = 4;
  private final String value;

  ApiKey(String value) {
    this.value = value;
  }

  /**
   * The whole key. Show it to its owner exactly once, at creation; never log or store it.
   */
  public String insecureValue() {
    return value;
  }

  /** The prefix and first characters of the key, safe to show in lists and logs. */
  public String hint() {
    return value.substring(0, ApiKeys.PREFIX.length() + HINT_CHARS) + "…";
  }

  /**
   * SHA-256 of the key's ASCII text: what a server stores and looks keys up by. A fast hash is
   * enough here because the key holds 256 random bits (no dictionary to try).
   */
  public byte[] storageDigest() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKey that && ConstantTime.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    // Only the public checksum part: a hash table must not be a side channel on the secret body.
    return value.substring(ApiKeys.LENGTH - ApiKeys.CHECKSUM_LENGTH).hashCode();
  }

  @Override
  public String toString() {
    return "ApiKey[" + hint() + "]";
  }
}
