package dev.bulwark.server.accounts;

import dev.bulwark.auth.breached.PasswordScreen;
import dev.bulwark.auth.password.PasswordPolicy;
import dev.bulwark.auth.throttle.ThrottlePolicy;
import dev.bulwark.server.sessions.SessionPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The knobs of the account capability, each with a safe default ({@link #defaults()}).
 *
 * @param hashing how passwords are hashed (auth's default: Argon2id, RFC 9106 m=64 MiB, t=3, p=4);
 *     stored hashes under other parameters are upgraded at the next login
 * @param throttle auth's login throttle policy
 * @param responseFloor minimum duration of login, registration and forgot-password answers
 * @param sessions refresh-token and session lifetimes
 * @param screens breached-password screens added to the built-in common-password list (a {@code
 *     BreachedFilter} built with {@code bulwark password build-filter}, say)
 */
public record AccountsSettings(PasswordPolicy hashing, ThrottlePolicy throttle, Duration responseFloor,
    SessionPolicy sessions, List<PasswordScreen> screens) {
  /** Checks the parts are present; copies the list. */
  public AccountsSettings {
    Objects.requireNonNull(hashing, "hashing");
    Objects.requireNonNull(throttle, "throttle");
    Objects.requireNonNull(responseFloor, "responseFloor");
    Objects.requireNonNull(sessions, "sessions");
    screens = List.copyOf(screens);
    ResponseFloor.of(responseFloor);
  }

  /** Argon2id defaults, the default throttle, a 750 ms floor, 14/30-day sessions, no extra screen. */
  public static AccountsSettings defaults() {
    return new AccountsSettings(PasswordPolicy.defaults(), ThrottlePolicy.DEFAULT, ResponseFloor.DEFAULT,
        SessionPolicy.DEFAULT, List.of());
  }

  /** These settings with another password hashing policy. */
  public AccountsSettings withHashing(PasswordPolicy policy) {
    return new AccountsSettings(policy, throttle, responseFloor, sessions, screens);
  }

  /** These settings with another response floor. */
  public AccountsSettings withResponseFloor(Duration floor) {
    return new AccountsSettings(hashing, throttle, floor, sessions, screens);
  }

  /** These settings with another throttle policy. */
  public AccountsSettings withThrottle(ThrottlePolicy policy) {
    return new AccountsSettings(hashing, policy, responseFloor, sessions, screens);
  }
}
