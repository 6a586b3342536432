package dev.bulwark.server.http;

import dev.bulwark.crypto.hash.DigestAlgorithm;
import dev.bulwark.crypto.hash.Digests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded memory of access tokens whose signature and claims already verified, so a client that
 * sends the same token on every request pays for one Ed25519 verification per token rather than per
 * request (about 40% of an authenticated request's CPU before this cache).
 *
 * <p>What it keeps and why that is safe:
 *
 * <ul>
 *   <li>The key is the SHA-256 of the exact token string, never the token: a heap dump shows no
 *       usable credential, and a token that differs in any character (another signature, a changed
 *       claim) has another key, so it is verified in full.
 *   <li>Only tokens that passed {@link dev.bulwark.auth.jwt.JwtVerifier} (signature, {@code iss},
 *       {@code aud}, {@code exp}, {@code nbf}) and whose session was live are stored; a failure is
 *       never remembered.
 *   <li>An entry is answered only while the clock is before the token's {@code exp} (checked on every
 *       hit, with no clock-skew allowance, so the cache is never more lenient than the verifier);
 *       past it the token is verified again and refused there.
 *   <li>It remembers the verified claims only, never liveness: the caller still asks {@link
 *       SessionLiveness} on every request, so logout, password change and refresh-token reuse end
 *       the token's use at once, cached or not.
 *   <li>The verifier's key set is fixed for the verifier's life and the cache belongs to one
 *       {@link Authenticator}, so no entry can outlive the key that verified it.
 * </ul>
 *
 * <p>Bounded: at most {@code maxEntries} entries; when full, expired entries are dropped first, then
 * arbitrary ones (a dropped entry costs one re-verification, never a wrong answer). Thread-safe.
 */
final class VerifiedTokens {
  /** The default bound: 10,000 concurrently used tokens (about 2 MB). */
  static final int DEFAULT_MAX_ENTRIES = 10_000;

  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicBoolean evicting = new AtomicBoolean();
  private final Clock clock;
  private final int maxEntries;

  VerifiedTokens(Clock clock, int maxEntries) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1");
    }
    this.maxEntries = maxEntries;
  }

  /** The principal a verified, unexpired {@code token} carried, if remembered. */
  Optional<Principal> find(String token) {
    Key key = Key.of(token);
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(entry.expiresAt())) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.principal());
  }

  /**
   * Remembers that {@code token} verified as {@code principal} until {@code expiresAt}. Call only
   * after the verifier accepted the token; an already expired token is not stored.
   */
  void remember(String token, Principal principal, Instant expiresAt) {
    Objects.requireNonNull(principal, "principal");
    if (!clock.instant().isBefore(expiresAt)) {
      return;
    }
    entries.put(Key.of(token), new Entry(principal, expiresAt));
    if (entries.size() > maxEntries) {
      evict();
    }
  }

  /** How many tokens are remembered (for tests and {@link #toString}). */
  int size() {
    return entries.size();
  }

  private void evict() {
    if (!evicting.compareAndSet(false, true)) {
      return;
    }
    try {
      Instant now = clock.instant();
      entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
      // Leave a tenth free so that a full cache does not scan on every insertion.
      int target = Math.max(maxEntries - Math.max(1, maxEntries / 10), 0);
      Iterator<Key> keys = entries.keySet().iterator();
      while (entries.size() > target && keys.hasNext()) {
        keys.next();
        keys.remove();
      }
    } finally {
      evicting.set(false);
    }
  }

  @Override
  public String toString() {
    return "VerifiedTokens[" + entries.size() + "/" + maxEntries + "]";
  }

  private record Entry(Principal principal, Instant expiresAt) {}

  /** The SHA-256 of a token, as four longs (cheap equality, no array copies). */
  private record Key(long a, long b, long c, long d) {
    static Key of(String token) {
      ByteBuffer digest = ByteBuffer.wrap(Digests.digest(DigestAlgorithm.SHA256, token.getBytes(StandardCharsets.UTF_8)));
      return new Key(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
    }
  }
}
