package dev.bulwark.auth.onetime;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a store keeps of a one-time token: its keyed hash, never the token.
 *
 * @param tokenHash HMAC-SHA256 of the token under the key {@code keyId} (32 bytes)
 * @param keyId the id of the HMAC key, so keys can rotate
 * @param subject whom the token is for (a user id)
 * @param purpose what it is for
 * @param expiresAt when it stops being redeemable
 */
public record StoredToken(byte[] tokenHash, String keyId, String subject, TokenPurpose purpose, Instant expiresAt) {
  /** Checks every part is present and the hash is 32 bytes; copies the hash. */
  public StoredToken {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (tokenHash.length != 32) {
      throw new IllegalArgumentException("a token hash is 32 bytes");
    }
    tokenHash = tokenHash.clone();
  }

  @Override
  public byte[] tokenHash() {
    return tokenHash.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoredToken that && MessageDigest.isEqual(tokenHash, that.tokenHash) && keyId.equals(that.keyId)
        && subject.equals(that.subject) && purpose == that.purpose && expiresAt.equals(that.expiresAt);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(tokenHash);
  }

  @Override
  public String toString() {
    return "StoredToken[keyId=" + keyId + ", purpose=" + purpose + ", expiresAt=" + expiresAt + ", hash redacted]";
  }
}
