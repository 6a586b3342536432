package dev.bulwark.server.sessions;

import dev.bulwark.auth.jwt.JwtClaims;
import dev.bulwark.auth.jwt.JwtSigner;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.hash.DigestAlgorithm;
import dev.bulwark.crypto.hash.Digests;
import dev.bulwark.crypto.tokens.SecureTokens;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.accounts.Account;
import dev.bulwark.server.accounts.AccountStore;
import dev.bulwark.server.audit.AuditTrail;
import dev.bulwark.server.http.Scope;
import dev.bulwark.server.storage.Database;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Sessions: open one for an authenticated account, rotate its refresh token, revoke it.
 *
 * <ul>
 *   <li>Access token: a JWT signed by the server's EdDSA {@link JwtSigner} ({@code kid} header), 5
 *       minutes, claims {@code iss=bulwark}, {@code aud=bulwark-api}, {@code sub}, {@code sid},
 *       {@code scope}, {@code jti}, {@code iat}, {@code exp}.
 *   <li>Refresh token: {@code bwr_} + 256 random bits, stored as SHA-256 only, single use: every
 *       refresh marks it used (one conditional {@code UPDATE}) and returns a new one.
 *   <li>Reuse detection: presenting a refresh token that was already used means two parties hold it
 *       (a theft, or a replay); the session (the token family) is revoked by one conditional {@code
 *       UPDATE}, the event is audited, and every token of the family, including the newest, dies.
 *       Two concurrent refreshes with one token therefore end with one winner whose new token is
 *       dead too: a race is indistinguishable from theft.
 * </ul>
 *
 * <p>Every failure of {@link #refresh} is the same {@code 401}. Thread-safe.
 */
public final class SessionService {
  static final String ISSUER = "bulwark";
  static final String AUDIENCE = "bulwark-api";
  private static final String REFRESH_PREFIX = "bwr_";
  private static final int REFRESH_LENGTH = REFRESH_PREFIX.length() + 43;

  private final Database database;
  private final JwtSigner signer;
  private final CachedSessionLiveness liveness;
  private final AuditTrail audit;
  private final SessionPolicy policy;
  private final Clock clock;
  private final SecureTokens random = SecureTokens.system();
  private final SessionStore store = new SessionStore();
  private final AccountStore accounts = new AccountStore();

  /** Sessions signed by {@code signer}, whose revocations {@code liveness} learns at once. */
  public SessionService(Database database, JwtSigner signer, CachedSessionLiveness liveness, AuditTrail audit,
      SessionPolicy policy, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Opens a session for {@code account} (already authenticated). */
  public IssuedSession open(Account account) throws PublicError {
    String sessionId = random.urlSafe(16);
    long now = clock.millis();
    long sessionEnd = now + policy.sessionMaximum().toMillis();
    String refresh = newRefreshToken();
    long refreshEnd = Math.min(sessionEnd, now + policy.refreshTokenIdle().toMillis());
    database.inTransaction(c -> {
      store.insertSession(c, sessionId, account.id(), now, sessionEnd);
      store.insertRefresh(c, hash(refresh), sessionId, now, refreshEnd);
      return null;
    });
    return issue(account, sessionId, refresh, refreshEnd);
  }

  /**
   * Exchanges a refresh token for a new access token and a new refresh token.
   *
   * @throws PublicError {@code 401} if the token is malformed, unknown, expired, used (which also
   *     revokes its session) or its session is revoked or expired
   */
  public IssuedSession refresh(String refreshToken) throws PublicError {
    if (refreshToken == null || refreshToken.length() != REFRESH_LENGTH || !refreshToken.startsWith(REFRESH_PREFIX)) {
      throw rejected("malformed refresh token");
    }
    byte[] hash = hash(refreshToken);
    long now = clock.millis();
    String next = newRefreshToken();
    Outcome outcome = database.inTransaction(c -> rotate(c, hash, next, now));
    switch (outcome) {
      case Outcome.Rotated r -> {
        return issue(r.account(), r.sessionId(), next, r.refreshExpiresAt());
      }
      case Outcome.Reused r -> {
        liveness.markRevoked(r.sessionId());
        audit.record("session.refresh_reuse", r.accountId(), "denied",
            Map.of("session_id", r.sessionId(), "family_revoked", Boolean.toString(r.revokedNow())));
        throw rejected("refresh token reused: session revoked");
      }
      case Outcome.Dead d -> throw rejected(d.why());
    }
  }

  private Outcome rotate(Connection c, byte[] hash, String next, long now) throws SQLException {
    if (store.useRefresh(c, hash, now)) {
      String sessionId = store.findRefresh(c, hash).orElseThrow().sessionId();
      Optional<SessionStore.SessionRow> session = store.findSession(c, sessionId).filter(s -> s.liveAt(now));
      Optional<Account> account = session.isEmpty() ? Optional.empty() : accounts.byId(c, session.get().accountId());
      if (account.isEmpty()) {
        return new Outcome.Dead("session revoked or expired");
      }
      long refreshEnd = Math.min(session.get().expiresAtMillis(), now + policy.refreshTokenIdle().toMillis());
      store.insertRefresh(c, hash(next), sessionId, now, refreshEnd);
      return new Outcome.Rotated(account.get(), sessionId, refreshEnd);
    }
    Optional<SessionStore.RefreshRow> row = store.findRefresh(c, hash);
    if (row.isEmpty()) {
      return new Outcome.Dead("unknown refresh token");
    }
    if (!row.get().used()) {
      return new Outcome.Dead("expired refresh token");
    }
    String sessionId = row.get().sessionId();
    boolean revokedNow = store.revoke(c, sessionId, "refresh_token_reuse", now);
    String accountId = store.findSession(c, sessionId).map(SessionStore.SessionRow::accountId).orElse("anonymous");
    return new Outcome.Reused(sessionId, accountId, revokedNow);
  }

  /** Revokes one session (logout). */
  public void revoke(String sessionId, String reason) {
    database.inTransaction(c -> store.revoke(c, sessionId, reason, clock.millis()));
    liveness.markRevoked(sessionId);
  }

  /**
   * Revokes every session of {@code accountId} but {@code keepSessionId} (which may be {@code ""}
   * to revoke all), inside the caller's transaction.
   *
   * @return the ids revoked; pass them to {@link #forget} once the transaction has committed
   */
  public List<String> revokeAllExcept(Connection c, String accountId, String keepSessionId, String reason)
      throws SQLException {
    return store.revokeAllExcept(c, accountId, keepSessionId, reason, clock.millis());
  }

  /** Tells the liveness cache about sessions revoked in a committed transaction. */
  public void forget(List<String> sessionIds) {
    sessionIds.forEach(liveness::markRevoked);
  }

  private IssuedSession issue(Account account, String sessionId, String refresh, long refreshEnd) throws PublicError {
    Instant now = clock.instant();
    Instant expires = now.plus(SessionPolicy.ACCESS_TOKEN);
    Set<Scope> scopes = account.sessionScopes();
    JwtClaims claims = JwtClaims.builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(account.id())
        .claim("sid", sessionId)
        .scopes(scopes.stream().map(Scope::wireName).sorted().toArray(String[]::new))
        .jwtId(random.urlSafe(16))
        .issuedAt(now)
        .expiresAt(expires)
        .build();
    try {
      return new IssuedSession(sessionId, signer.sign(claims), expires, refresh, Instant.ofEpochMilli(refreshEnd));
    } catch (CryptoException e) {
      throw PublicError.of(ErrorKind.INTERNAL, ErrorKind.INTERNAL.genericMessage(), "signing an access token", e);
    }
  }

  private String newRefreshToken() {
    return REFRESH_PREFIX + random.urlSafe(32);
  }

  private static byte[] hash(String refreshToken) {
    return Digests.digest(DigestAlgorithm.SHA256, refreshToken.getBytes(StandardCharsets.US_ASCII));
  }

  private static PublicError rejected(String detail) {
    return PublicError.of(ErrorKind.UNAUTHENTICATED, "The refresh token is invalid or expired.", detail);
  }

  /** What one refresh transaction found. */
  private sealed interface Outcome {
    record Rotated(Account account, String sessionId, long refreshExpiresAt) implements Outcome {}

    record Reused(String sessionId, String accountId, boolean revokedNow) implements Outcome {}

    record Dead(String why) implements Outcome {}
  }

  @Override
  public String toString() {
    return "SessionService[" + policy + "]";
  }
}
