package dev.bulwark.auth.apikey;

import dev.bulwark.auth.onetime.StoreException;
import dev.bulwark.crypto.ConstantTime;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.tokens.ApiKey;
import dev.bulwark.crypto.tokens.SecureTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scoped API keys in Bulwark's format ({@code bwk_…}, {@link dev.bulwark.crypto.tokens.ApiKeys}),
 * stored as SHA-256 only, with expiry, last use and revocation.
 *
 * {@snippet :
 * ApiKeys apiKeys = ApiKeys.create(store);
 * IssuedApiKey issued = apiKeys.issue("user-42", Set.of("files:read"), Optional.of(Duration.ofDays(90)));
 * showOnce(issued.key().insecureValue());
 * // on each request:
 * VerifiedApiKey caller = apiKeys.verify(header).requireScopes("files:read");
 * }
 *
 * <p>Why SHA-256 and not a password hash: the key holds 256 random bits, so there is no dictionary
 * to try and a slow hash would only slow the server. The checksum is checked first, so a mistyped or
 * random string never reaches the store. The store is searched by digest and the found record's
 * digest is compared again in constant time.
 *
 * <p>What it rejects, all with one {@link CryptoException} message: a malformed key, an unknown key,
 * a revoked key, an expired key. Last use is written at most once a minute per key (so a busy key
 * does not turn every request into a write). Thread-safe.
 */
public final class ApiKeys {
  /** Longest lifetime a key may be given. */
  public static final Duration MAX_TIME_TO_LIVE = Duration.ofDays(3660);

  /** Most scopes one key may hold. */
  public static final int MAX_SCOPES = 32;

  private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}"); // RFC 6749 §3.3
  private static final int MAX_OWNER_CHARS = 256;
  private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
  private static final String REJECTED = "API key not valid";

  private final ApiKeyStore store;
  private final InstantSource clock;
  private final SecureTokens random;

  private ApiKeys(ApiKeyStore store, InstantSource clock, SecureTokens random) {
    this.store = store;
    this.clock = clock;
    this.random = random;
  }

  /** API keys on the system clock and DRBG. */
  public static ApiKeys create(ApiKeyStore store) {
    return create(store, InstantSource.system(), SecureTokens.system());
  }

  /** API keys with an injected clock and random source (tests). */
  public static ApiKeys create(ApiKeyStore store, InstantSource clock, SecureTokens random) {
    return new ApiKeys(Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(random, "random"));
  }

  /**
   * Issues a key.
   *
   * @param timeToLive how long it works; empty for no expiry
   * @throws IllegalArgumentException if the owner is blank or over 256 characters, a scope is not an
   *     RFC 6749 scope token of at most 64 characters, there are over {@value #MAX_SCOPES} scopes, or
   *     the lifetime is not positive or over {@link #MAX_TIME_TO_LIVE}
   * @throws StoreException if the store fails
   */
  public IssuedApiKey issue(String owner, Set<String> scopes, Optional<Duration> timeToLive) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(scopes, "scopes");
    Objects.requireNonNull(timeToLive, "timeToLive");
    if (owner.isBlank() || owner.length() > MAX_OWNER_CHARS) {
      throw new IllegalArgumentException("an owner is 1 to " + MAX_OWNER_CHARS + " non-blank characters");
    }
    if (scopes.size() > MAX_SCOPES) {
      throw new IllegalArgumentException("a key holds at most " + MAX_SCOPES + " scopes");
    }
    for (String scope : scopes) {
      if (scope == null || !SCOPE.matcher(scope).matches()) {
        throw new IllegalArgumentException("a scope is 1 to 64 printable ASCII characters without space, \" or \\");
      }
    }
    timeToLive.ifPresent(ttl -> {
      if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TIME_TO_LIVE) > 0) {
        throw new IllegalArgumentException("timeToLive must be positive and at most " + MAX_TIME_TO_LIVE);
      }
    });
    ApiKey key = dev.bulwark.crypto.tokens.ApiKeys.generate(random);
    Instant now = clock.instant();
    ApiKeyRecord record = new ApiKeyRecord("ak_" + random.base62(12), key.storageDigest(), key.hint(), owner,
        scopes, now, timeToLive.map(now::plus), Optional.empty(), Optional.empty());
    store.insert(record);
    return new IssuedApiKey(key, record);
  }

  /**
   * Authenticates a presented key.
   *
   * @throws CryptoException if it is malformed, unknown, revoked or expired
   * @throws StoreException if the store fails
   */
  public VerifiedApiKey verify(String presented) throws CryptoException {
    ApiKey key;
    try {
      key = dev.bulwark.crypto.tokens.ApiKeys.parse(Objects.requireNonNullElse(presented, ""));
    } catch (CryptoException e) {
      throw new CryptoException(REJECTED);
    }
    byte[] digest = key.storageDigest();
    Optional<ApiKeyRecord> found = store.findByDigest(digest);
    Instant now = clock.instant();
    if (found.isEmpty() || !ConstantTime.equals(found.get().digest(), digest) || !found.get().isActiveAt(now)) {
      throw new CryptoException(REJECTED);
    }
    ApiKeyRecord record = found.get();
    if (record.lastUsedAt().map(last -> !now.isBefore(last.plus(LAST_USED_RESOLUTION))).orElse(true)) {
      store.recordUse(record.keyId(), now);
    }
    return new VerifiedApiKey(record.keyId(), record.owner(), record.scopes());
  }

  /**
   * Revokes a key by its id; it stops authenticating at once.
   *
   * @return true if this call revoked it, false if it was unknown or already revoked
   * @throws StoreException if the store fails
   */
  public boolean revoke(String keyId) {
    return store.revoke(Objects.requireNonNull(keyId, "keyId"), clock.instant());
  }

  /**
   * The records of an owner's keys (for a "your API keys" page: hints, scopes, last use).
   *
   * @throws StoreException if the store fails
   */
  public List<ApiKeyRecord> list(String owner) {
    return store.listByOwner(Objects.requireNonNull(owner, "owner"));
  }

  @Override
  public String toString() {
    return "ApiKeys[" + store + "]";
  }
}
