package dev.bulwark.auth.apikey;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a store keeps of an API key: its SHA-256, never the key.
 *
 * @param keyId a public random id for listing and revoking (not secret, not derived from the key)
 * @param digest SHA-256 of the key text (32 bytes), what lookups use
 * @param hint the key's first characters ({@code bwk_AbCd…}) so the owner can tell keys apart
 * @param owner whom the key acts for
 * @param scopes what the key may do
 * @param createdAt when it was issued
 * @param expiresAt when it stops working, if ever
 * @param lastUsedAt when it last authenticated, to the minute
 * @param revokedAt when it was revoked, if it was
 */
public record ApiKeyRecord(String keyId, byte[] digest, String hint, String owner, Set<String> scopes,
    Instant createdAt, Optional<Instant> expiresAt, Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {
  /** Checks every part is present and the digest is 32 bytes; copies mutable parts. */
  public ApiKeyRecord {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(hint, "hint");
    Objects.requireNonNull(owner, "owner");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
    if (digest.length != 32) {
      throw new IllegalArgumentException("an API key digest is 32 bytes");
    }
    digest = digest.clone();
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  /** Whether the key authenticates at {@code now}: not revoked and not expired. */
  public boolean isActiveAt(Instant now) {
    return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKeyRecord that && keyId.equals(that.keyId) && MessageDigest.isEqual(digest, that.digest)
        && hint.equals(that.hint) && owner.equals(that.owner) && scopes.equals(that.scopes)
        && createdAt.equals(that.createdAt) && expiresAt.equals(that.expiresAt)
        && lastUsedAt.equals(that.lastUsedAt) && revokedAt.equals(that.revokedAt);
  }

  @Override
  public int hashCode() {
    return keyId.hashCode();
  }

  @Override
  public String toString() {
    return "ApiKeyRecord[" + keyId + ", " + hint + ", owner=" + owner + ", scopes=" + scopes + ", expiresAt="
        + expiresAt.orElse(null) + ", revokedAt=" + revokedAt.orElse(null) + "]";
  }
}
