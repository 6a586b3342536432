package dev.bulwark.server.accounts;

import dev.bulwark.auth.onetime.IssuedToken;
import dev.bulwark.auth.onetime.OneTimeTokens;
import dev.bulwark.auth.onetime.TokenPurpose;
import dev.bulwark.auth.password.PasswordHasher;
import dev.bulwark.auth.throttle.LoginAttempt;
import dev.bulwark.auth.throttle.LoginThrottle;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.tokens.SecureTokens;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.guard.validation.EmailAddresses;
import dev.bulwark.guard.validation.Usernames;
import dev.bulwark.server.audit.AuditTrail;
import dev.bulwark.server.mail.Mailer;
import dev.bulwark.server.sessions.SessionService;
import dev.bulwark.server.storage.Database;
import dev.bulwark.server.storage.StorageException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Registration, e-mail verification, password change, forgotten-password and reset.
 *
 * <p>Enumeration safety: {@link #register} and {@link #forgot} return normally (the route answers
 * {@code 202} with one fixed body) whether the name or address is new, taken or unknown, inside the
 * {@link ResponseFloor}, with comparable work (registration hashes the password in every case). A
 * registration whose user name or address is taken mails the existing owner instead of creating
 * anything. Only input that is malformed whatever the database holds is refused ({@code 400}).
 *
 * <p>Tokens: verification and reset tokens are auth's {@link OneTimeTokens} (256 random bits, stored
 * as HMAC-SHA256, single use; 24 h and 1 h); a reset also proves the address, so it verifies it.
 * A reset revokes every session and every other reset token; a change (which needs the current
 * password) revokes every session but the caller's. Thread-safe.
 */
public final class AccountService {
  private static final String TOKEN_REJECTED = "The token is invalid, expired or already used.";

  private final Database database;
  private final PasswordHasher hasher;
  private final PasswordRules rules;
  private final OneTimeTokens tokens;
  private final Mailer mailer;
  private final Enrolment enrolment;
  private final SessionService sessions;
  private final LoginThrottle throttle;
  private final AuditTrail audit;
  private final ResponseFloor floor;
  private final Clock clock;
  private final AccountStore accounts = new AccountStore();
  private final SecureTokens random = SecureTokens.system();

  /** The service; every collaborator is shared with the rest of the server. */
  public AccountService(Database database, PasswordHasher hasher, PasswordRules rules, OneTimeTokens tokens,
      Mailer mailer, Enrolment enrolment, SessionService sessions, LoginThrottle throttle, AuditTrail audit,
      ResponseFloor floor, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.mailer = Objects.requireNonNull(mailer, "mailer");
    this.enrolment = Objects.requireNonNull(enrolment, "enrolment");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.throttle = Objects.requireNonNull(throttle, "throttle");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.floor = Objects.requireNonNull(floor, "floor");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** What one registration transaction decided. */
  private sealed interface Registered {
    record Fresh(String id, String username, String email, boolean admin) implements Registered {}

    record Taken(List<Account> holders) implements Registered {
      public Taken {
        holders = List.copyOf(holders);
      }
    }

    record BadEnrolmentToken() implements Registered {}
  }

  /**
   * Registers an account, or mails the owner of the name or address if either is taken.
   *
   * @throws PublicError {@code 400} for malformed input, a refused password, or an invalid enrolment
   *     token (refused whatever the name and address, so it reveals nothing about them)
   */
  public void register(Forms.Registration form) throws PublicError {
    floor.run(() -> {
      rules.validate(form);
      String username = Usernames.normalize(form.username()).orElseThrow();
      String email = EmailAddresses.normalize(form.email().strip()).orElseThrow();
      rules.checkForAccount(form.password(), username, email);
      String hash = hasher.hash(form.password().toCharArray());
      String id = random.urlSafe(16);
      String usernameKey = AccountKeys.usernameKey(username).orElseThrow();
      String emailKey = AccountKeys.emailKey(email).orElseThrow();
      String token = form.enrolmentToken();
      Registered outcome;
      try {
        outcome = database.inTransaction(c -> {
          if (token != null && !enrolment.isRedeemable(c, token)) {
            return new Registered.BadEnrolmentToken();
          }
          List<Account> holders = accounts.holding(c, usernameKey, emailKey);
          if (!holders.isEmpty()) {
            return new Registered.Taken(holders);
          }
          boolean admin = token != null && enrolment.redeem(c, token, id);
          if (token != null && !admin) {
            return new Registered.BadEnrolmentToken();
          }
          accounts.insert(c, new AccountStore.NewAccount(id, username, usernameKey, email, emailKey, hash, admin),
              clock.millis());
          return new Registered.Fresh(id, username, email, admin);
        });
      } catch (StorageException raced) {
        // PostgreSQL: a concurrent registration took the name or address between the check and the
        // insert (unique constraint). Answer as for a taken identity; anything else is a real fault.
        List<Account> holders = database.read(c -> accounts.holding(c, usernameKey, emailKey));
        if (holders.isEmpty()) {
          throw raced;
        }
        outcome = new Registered.Taken(holders);
      }
      switch (outcome) {
        case Registered.BadEnrolmentToken b -> {
          audit.record("account.enrol", "anonymous", "denied", Map.of("reason", "invalid_enrolment_token"));
          throw PublicError.of(ErrorKind.BAD_REQUEST, "The enrolment token is invalid, expired or already used.",
              "enrolment token refused");
        }
        case Registered.Taken taken -> {
          taken.holders().forEach(h -> mailer.send(AccountMails.alreadyRegistered(h.email(), h.username())));
          audit.record("account.register", "anonymous", "denied", Map.of("reason", "identity_in_use"));
        }
        case Registered.Fresh fresh -> {
          IssuedToken verification = tokens.issue(fresh.id(), TokenPurpose.EMAIL_VERIFICATION);
          mailer.send(AccountMails.verification(fresh.email(), fresh.username(), verification));
          audit.record("account.register", fresh.id(), "success", Map.of("admin", Boolean.toString(fresh.admin())));
          if (fresh.admin()) {
            audit.record("account.enrol", fresh.id(), "success", Map.of());
          }
        }
      }
      return null;
    });
  }

  /**
   * Redeems an e-mail verification token.
   *
   * @throws PublicError {@code 400} if the token is malformed, unknown, used or expired
   */
  public void verifyEmail(String token) throws PublicError {
    String accountId = redeem(token, TokenPurpose.EMAIL_VERIFICATION);
    database.inTransaction(c -> {
      accounts.markVerified(c, accountId, clock.millis());
      return null;
    });
    audit.record("account.verify_email", accountId, "success", Map.of());
  }

  /** Sends a reset token if the address belongs to an account; returns the same way either way. */
  public void forgot(Forms.Forgot form) throws PublicError {
    floor.run(() -> {
      rules.validate(form);
      String emailKey = AccountKeys.emailKey(form.email()).orElseThrow();
      Optional<Account> account = database.read(c -> accounts.byEmailKey(c, emailKey));
      if (account.isPresent()) {
        Account a = account.get();
        mailer.send(AccountMails.reset(a.email(), a.username(), tokens.issue(a.id(), TokenPurpose.PASSWORD_RESET)));
        audit.record("password.forgot", a.id(), "success", Map.of());
      } else {
        audit.record("password.forgot", "anonymous", "failure", Map.of("reason", "unknown_email"));
      }
      return null;
    });
  }

  /**
   * Sets a new password with a reset token; verifies the address; revokes every session.
   *
   * @throws PublicError {@code 400} for a bad token or a refused password (a password refused only
   *     for containing the account's own words is found after the token was used up: ask again)
   */
  public void reset(Forms.Reset form) throws PublicError {
    rules.validate(form);
    String accountId = redeem(form.token(), TokenPurpose.PASSWORD_RESET);
    Account account = database.read(c -> accounts.byId(c, accountId))
        .orElseThrow(() -> PublicError.of(ErrorKind.BAD_REQUEST, TOKEN_REJECTED, "reset for a missing account"));
    rules.checkForAccount(form.newPassword(), account.username(), account.email());
    String hash = hasher.hash(form.newPassword().toCharArray());
    List<String> revoked = storePassword(account, hash, "", "password_reset", true);
    tokens.revokeAll(accountId, TokenPurpose.PASSWORD_RESET);
    audit.record("password.reset", accountId, "success", Map.of("sessions_revoked", Integer.toString(revoked.size())));
    mailer.send(AccountMails.passwordChanged(account.email(), account.username()));
  }

  /**
   * Changes the password of the caller, who proves the current one; revokes every other session.
   *
   * @throws PublicError {@code 403} for a wrong current password, {@code 400} for a refused new one
   * @throws LoginThrottled when too many wrong current passwords were tried
   */
  public void change(String accountId, String sessionId, Forms.Change form, InetAddress client)
      throws PublicError, LoginThrottled {
    rules.validate(form);
    Account account = me(accountId);
    LoginAttempt.Permitted permit = switch (throttle.tryAttempt(account.username(), client)) {
      case LoginAttempt.Delayed d -> throw new LoginThrottled(d.retryAfter());
      case LoginAttempt.Permitted p -> p;
    };
    boolean matches;
    try {
      matches = hasher.verify(form.currentPassword().toCharArray(), account.passwordHash()).matches();
    } catch (CryptoException e) {
      throw PublicError.of(ErrorKind.INTERNAL, ErrorKind.INTERNAL.genericMessage(), "stored hash unreadable", e);
    }
    if (!matches) {
      audit.record("password.change", accountId, "failure", Map.of("reason", "wrong_current_password"));
      throw PublicError.of(ErrorKind.FORBIDDEN, "The current password is wrong.", "wrong current password");
    }
    throttle.succeeded(permit);
    rules.checkForAccount(form.newPassword(), account.username(), account.email());
    String hash = hasher.hash(form.newPassword().toCharArray());
    List<String> revoked = storePassword(account, hash, sessionId, "password_change", false);
    tokens.revokeAll(accountId, TokenPurpose.PASSWORD_RESET);
    audit.record("password.change", accountId, "success", Map.of("sessions_revoked", Integer.toString(revoked.size())));
    mailer.send(AccountMails.passwordChanged(account.email(), account.username()));
  }

  /**
   * The caller's account.
   *
   * @throws PublicError {@code 401} if it no longer exists
   */
  public Account me(String accountId) throws PublicError {
    return database.read(c -> accounts.byId(c, accountId))
        .orElseThrow(() -> PublicError.of(ErrorKind.UNAUTHENTICATED, "account not found"));
  }

  private List<String> storePassword(Account account, String hash, String keepSession, String reason,
      boolean verify) throws PublicError {
    Optional<List<String>> revoked = database.inTransaction(c -> {
      if (!accounts.setPasswordHash(c, account.id(), account.version(), hash, clock.millis())) {
        return Optional.empty();
      }
      if (verify) {
        accounts.markVerified(c, account.id(), clock.millis());
      }
      return Optional.of(sessions.revokeAllExcept(c, account.id(), keepSession, reason));
    });
    if (revoked.isEmpty()) {
      throw PublicError.of(ErrorKind.CONFLICT, "The account changed meanwhile; try again.", "account version moved");
    }
    sessions.forget(revoked.get());
    return revoked.get();
  }

  private String redeem(String token, TokenPurpose purpose) throws PublicError {
    try {
      return tokens.redeem(token, purpose);
    } catch (CryptoException e) {
      audit.record(purpose == TokenPurpose.PASSWORD_RESET ? "password.reset" : "account.verify_email", "anonymous",
          "failure", Map.of("reason", "token_rejected"));
      throw PublicError.of(ErrorKind.BAD_REQUEST, TOKEN_REJECTED, "one-time token rejected");
    }
  }

  @Override
  public String toString() {
    return "AccountService[" + floor + "]";
  }
}
