package dev.bulwark.server.apikeys;

import dev.bulwark.auth.apikey.ApiKeyRecord;
import dev.bulwark.auth.apikey.ApiKeyStore;
import dev.bulwark.auth.apikey.ApiKeys;
import dev.bulwark.auth.apikey.IssuedApiKey;
import dev.bulwark.crypto.tokens.SecureTokens;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.audit.AuditTrail;
import dev.bulwark.server.http.Scope;
import dev.bulwark.server.storage.Database;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A user's scoped API keys ({@code bwk_...}), built on auth's {@link ApiKeys} over the server's
 * {@link ApiKeyStore} (auth's {@code JdbcApiKeyStore} on table {@code api_keys}, the one the core's
 * authentication step verifies against): issued with a subset of the caller's own scopes and an
 * optional expiry, shown once, stored as SHA-256 only, listed without the key, revoked by their owner
 * only (one conditional {@code UPDATE ... WHERE owner = ?} in a transaction with its audit event).
 *
 * <p>Rejects, as {@link PublicError}: no scopes or more than auth allows (400), a scope the caller
 * does not hold (403: a key can never carry more than its creator), a lifetime out of range (400).
 * Another owner's key id is {@link ErrorKind#NOT_FOUND}, exactly like an unknown one. Creation and
 * revocation are audited ({@code apikey.create}, {@code apikey.revoke}); if the audit event cannot be
 * recorded, a created key is revoked again and the call fails. Thread-safe.
 *
 * {@snippet :
 * IssuedApiKey issued = apiKeys.create(accountId, callerScopes, Set.of(Scope.FILES_READ), Optional.of(Duration.ofDays(30)));
 * }
 */
public final class ApiKeyService {
  /** Longest lifetime a key may be given (auth's cap). */
  public static final Duration MAX_TIME_TO_LIVE = ApiKeys.MAX_TIME_TO_LIVE;

  private static final String REVOKE_OWNED =
      "UPDATE api_keys SET revoked_at_ms = ? WHERE key_id = ? AND owner = ? AND revoked_at_ms IS NULL";

  private final Database database;
  private final ApiKeys apiKeys;
  private final AuditTrail audit;
  private final Clock clock;

  /** Keys in {@code store} (whose table is {@code api_keys} in {@code database}), audited to {@code audit}. */
  public ApiKeyService(Database database, ApiKeyStore store, AuditTrail audit, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    Objects.requireNonNull(store, "store");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    // Whole milliseconds: what the table stores, so a key reads back exactly as it was issued.
    this.apiKeys = ApiKeys.create(store, Clock.tick(clock, Duration.ofMillis(1)), SecureTokens.system());
  }

  /**
   * Issues a key for {@code owner} carrying {@code requested}, which must be a non-empty subset of
   * {@code callerScopes}.
   *
   * @throws PublicError 400 for no scopes or a bad lifetime, 403 for a scope the caller lacks
   */
  public IssuedApiKey create(String owner, Set<Scope> callerScopes, Set<Scope> requested, Optional<Duration> timeToLive)
      throws PublicError {
    Objects.requireNonNull(owner, "owner");
    if (requested.isEmpty()) {
      throw PublicError.of(ErrorKind.BAD_REQUEST, "An API key needs at least one scope.", "api key without scopes");
    }
    if (!callerScopes.containsAll(requested)) {
      EnumSet<Scope> extra = EnumSet.copyOf(requested);
      extra.removeAll(callerScopes);
      audit.record("apikey.create", owner, "denied", Map.of("reason", "scope_not_held", "scopes", wire(extra)));
      throw PublicError.of(ErrorKind.FORBIDDEN, "An API key cannot hold a scope you do not hold.",
          "requested scopes beyond the caller's: " + wire(extra));
    }
    if (timeToLive.isPresent() && (!timeToLive.get().isPositive() || timeToLive.get().compareTo(MAX_TIME_TO_LIVE) > 0)) {
      throw PublicError.of(ErrorKind.BAD_REQUEST, "The expiry is out of range.", "api key lifetime out of range");
    }
    IssuedApiKey issued = apiKeys.issue(owner, requested.stream().map(Scope::wireName).collect(Collectors.toSet()), timeToLive);
    boolean audited = false;
    try {
      audit.record("apikey.create", owner, "success",
          Map.of("key_id", issued.record().keyId(), "scopes", wire(requested)));
      audited = true;
    } finally {
      if (!audited) {
        // No unaudited key may work: take it back before the failure reaches the caller.
        apiKeys.revoke(issued.record().keyId());
      }
    }
    return issued;
  }

  /** The owner's keys that are not revoked (expired ones included, marked by their expiry), oldest first. */
  public List<ApiKeyRecord> list(String owner) {
    return apiKeys.list(Objects.requireNonNull(owner, "owner")).stream()
        .filter(r -> r.revokedAt().isEmpty())
        .sorted(Comparator.comparing(ApiKeyRecord::createdAt).thenComparing(ApiKeyRecord::keyId))
        .toList();
  }

  /**
   * Revokes the owner's key; it stops authenticating at once.
   *
   * @throws PublicError 404 if the key is unknown, another owner's, or already revoked
   */
  public void revoke(String owner, String keyId) throws PublicError {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(keyId, "keyId");
    Instant now = clock.instant();
    boolean revoked = database.inTransaction(c -> {
      boolean done;
      try (PreparedStatement s = c.prepareStatement(REVOKE_OWNED)) {
        s.setLong(1, now.toEpochMilli());
        s.setString(2, keyId);
        s.setString(3, owner);
        // Conditional: of two concurrent revocations exactly one changes the row.
        done = s.executeUpdate() == 1;
      }
      if (done) {
        audit.record("apikey.revoke", owner, "success", Map.of("key_id", keyId));
      }
      return done;
    });
    if (!revoked) {
      throw PublicError.of(ErrorKind.NOT_FOUND, "api key not found for this owner (or already revoked)");
    }
  }

  private static String wire(Set<Scope> scopes) {
    return scopes.stream().sorted().map(Scope::wireName).collect(Collectors.joining(" "));
  }
}
