package dev.bulwark.server.sessions;

import dev.bulwark.auth.password.PasswordHasher;
import dev.bulwark.auth.password.PasswordVerification;
import dev.bulwark.auth.throttle.LoginAttempt;
import dev.bulwark.auth.throttle.LoginThrottle;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.tokens.SecureTokens;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.accounts.Account;
import dev.bulwark.server.accounts.AccountStore;
import dev.bulwark.server.accounts.LoginThrottled;
import dev.bulwark.server.accounts.ResponseFloor;
import dev.bulwark.server.audit.AuditTrail;
import dev.bulwark.server.storage.Database;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login ({@code POST /v1/sessions}) by user name or e-mail address and password.
 *
 * <p>Enumeration safety: an unknown name and a wrong password give the same {@code 401} and do the
 * same work (one Argon2id verification, against a dummy hash made at start-up with the current
 * parameters for an unknown name), inside the {@link ResponseFloor}. Throttling (auth's {@link
 * LoginThrottle}, per canonical name and per name and address) counts unknown names like known
 * ones, so its {@code 429} tells nothing either.
 *
 * <p>A correct password of an account whose address is not verified gets {@code 403}: only the
 * password's holder learns it. A stored hash below the current parameters is replaced on a
 * successful login (rehash-on-login). Every outcome is audited. Thread-safe.
 */
public final class LoginService {
  private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);

  private final Database database;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final SessionService sessions;
  private final AuditTrail audit;
  private final ResponseFloor floor;
  private final Clock clock;
  private final AccountStore accounts = new AccountStore();
  private final String dummyHash;

  /** A login service; makes its dummy hash now, with {@code hasher}'s parameters. */
  public LoginService(Database database, PasswordHasher hasher, LoginThrottle throttle, SessionService sessions,
      AuditTrail audit, ResponseFloor floor, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.throttle = Objects.requireNonNull(throttle, "throttle");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.floor = Objects.requireNonNull(floor, "floor");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.dummyHash = hasher.hash(SecureTokens.system().urlSafe(24).toCharArray());
  }

  /**
   * Logs in.
   *
   * @throws PublicError {@code 401} for an unknown name or a wrong password, {@code 403} for a right
   *     password of an unverified address
   * @throws LoginThrottled when the throttle delays this name (and address)
   */
  public IssuedSession login(String login, String password, InetAddress client) throws PublicError, LoginThrottled {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(client, "client");
    Duration[] delayed = new Duration[1];
    IssuedSession session = floor.run(() -> {
      LoginAttempt attempt;
      try {
        attempt = throttle.tryAttempt(login, client);
      } catch (IllegalArgumentException blankOrLong) {
        throw PublicError.of(ErrorKind.BAD_REQUEST, "login: must be 1 to 320 characters", "login name rejected");
      }
      return switch (attempt) {
        case LoginAttempt.Delayed d -> {
          audit.record("session.login", "anonymous", "denied", Map.of("reason", "throttled", "client", client.getHostAddress()));
          delayed[0] = d.retryAfter();
          yield null;
        }
        case LoginAttempt.Permitted permit -> check(login, password, client, permit);
      };
    });
    if (session == null) {
      throw new LoginThrottled(delayed[0]);
    }
    return session;
  }

  private IssuedSession check(String login, String password, InetAddress client, LoginAttempt.Permitted permit)
      throws PublicError {
    Optional<Account> account = database.read(c -> accounts.byLogin(c, login));
    char[] chars = password.toCharArray();
    try {
      PasswordVerification verification = verify(chars, account.map(Account::passwordHash).orElse(dummyHash));
      String address = client.getHostAddress();
      if (account.isEmpty() || !verification.matches()) {
        audit.record("session.login", account.map(Account::id).orElse("anonymous"), "failure",
            Map.of("reason", account.isEmpty() ? "unknown_login" : "wrong_password", "client", address));
        throw PublicError.of(ErrorKind.UNAUTHENTICATED, "Invalid login or password.", "login failed");
      }
      throttle.succeeded(permit);
      Account a = account.get();
      if (!a.emailVerified()) {
        audit.record("session.login", a.id(), "denied", Map.of("reason", "email_unverified", "client", address));
        throw PublicError.of(ErrorKind.FORBIDDEN, "Verify your e-mail address before logging in.", "email unverified");
      }
      if (verification.needsRehash()) {
        String upgraded = hasher.hash(chars);
        boolean stored = database.inTransaction(c -> accounts.setPasswordHash(c, a.id(), a.version(), upgraded, clock.millis()));
        LOG.atInfo().addKeyValue("account_id", a.id()).addKeyValue("stored", stored)
            .log("password hash upgraded on login: {}", verification.rehashReasons());
      }
      IssuedSession session = sessions.open(a);
      audit.record("session.login", a.id(), "success", Map.of("session_id", session.sessionId(), "client", address));
      return session;
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  private PasswordVerification verify(char[] password, String stored) {
    try {
      return hasher.verify(password, stored);
    } catch (CryptoException unreadable) {
      LOG.atError().log("a stored password hash could not be read; treating the login as failed");
      try {
        return hasher.verify(password, dummyHash);
      } catch (CryptoException impossible) {
        throw new IllegalStateException("the dummy hash is unreadable", impossible);
      }
    }
  }

  @Override
  public String toString() {
    return "LoginService[" + floor + "]";
  }
}
