package dev.bulwark.server.accounts;

import dev.bulwark.auth.jwt.JwtSigner;
import dev.bulwark.auth.onetime.JdbcOneTimeTokenStore;
import dev.bulwark.auth.onetime.OneTimeTokens;
import dev.bulwark.auth.onetime.TokenHashKeys;
import dev.bulwark.auth.password.PasswordHasher;
import dev.bulwark.auth.throttle.LoginThrottle;
import dev.bulwark.server.audit.AuditTrail;
import dev.bulwark.server.mail.Mailer;
import dev.bulwark.server.sessions.CachedSessionLiveness;
import dev.bulwark.server.sessions.LoginService;
import dev.bulwark.server.sessions.SessionService;
import dev.bulwark.server.storage.Database;
import java.time.Clock;
import java.util.Objects;

/**
 * The account capability's object graph, built once per server: one hasher, one throttle, one
 * liveness cache shared by login, refresh, logout and password changes. The server registers
 * {@link #liveness()} as its {@code SessionLiveness} and the accounts API module over this.
 *
 * @param accounts registration, verification, password change and reset
 * @param logins password login
 * @param sessions refresh and revocation
 * @param liveness the {@code SessionLiveness} for the server's authentication step
 * @param enrolment administrator enrolment tokens
 * @param rules input validation (close it with the server)
 */
public record AccountsAssembly(AccountService accounts, LoginService logins, SessionService sessions,
    CachedSessionLiveness liveness, Enrolment enrolment, PasswordRules rules) implements AutoCloseable {

  /** The one-time token table (migration V11). */
  public static final String ONE_TIME_TOKEN_TABLE = "one_time_tokens";

  /**
   * Builds the graph. Makes the login dummy hash now (one Argon2id hash with {@code settings}' parameters).
   *
   * @param tokenKeys the HMAC keys of verification and reset tokens; must survive restarts (the
   *     server keeps them sealed under its root key) or outstanding links break
   */
  public static AccountsAssembly create(Database database, JwtSigner signer, AuditTrail audit, Mailer mailer,
      TokenHashKeys tokenKeys, AccountsSettings settings, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    PasswordHasher hasher = PasswordHasher.create(settings.hashing());
    LoginThrottle throttle = LoginThrottle.create(settings.throttle(), clock, LoginThrottle.DEFAULT_MAX_ACCOUNTS);
    ResponseFloor floor = ResponseFloor.of(settings.responseFloor());
    CachedSessionLiveness liveness = new CachedSessionLiveness(database, clock, settings.sessions().livenessRecheck());
    SessionService sessions = new SessionService(database, signer, liveness, audit, settings.sessions(), clock);
    OneTimeTokens tokens = OneTimeTokens.create(
        JdbcOneTimeTokenStore.create(database.dataSource(), ONE_TIME_TOKEN_TABLE), tokenKeys, clock,
        dev.bulwark.crypto.tokens.SecureTokens.system());
    PasswordRules rules = PasswordRules.create(settings.screens());
    Enrolment enrolment = Enrolment.create(database, clock);
    AccountService accounts = new AccountService(database, hasher, rules, tokens, mailer, enrolment, sessions, throttle,
        audit, floor, clock);
    LoginService logins = new LoginService(database, hasher, throttle, sessions, audit, floor, clock);
    return new AccountsAssembly(accounts, logins, sessions, liveness, enrolment, rules);
  }

  @Override
  public void close() {
    rules.close();
  }
}
