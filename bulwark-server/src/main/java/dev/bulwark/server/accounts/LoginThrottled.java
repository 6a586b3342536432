package dev.bulwark.server.accounts;

import java.io.Serial;
import java.time.Duration;
import java.util.Objects;

/**
 * auth's {@code LoginThrottle} delayed a password check (login, password change): the route answers
 * {@code 429} with {@code Retry-After}. Unknown names are throttled exactly like known ones, so this
 * says nothing about whether an account exists. No stack trace is filled in: it is an expected
 * outcome, not a fault.
 */
public final class LoginThrottled extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /** @param retryAfter how long until an attempt is permitted; positive */
  public LoginThrottled(Duration retryAfter) {
    super("login throttled", null, false, false);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** How long until an attempt is permitted (whole seconds, rounded up, for {@code Retry-After}). */
  public long retryAfterSeconds() {
    long seconds = (retryAfter.toMillis() + 999) / 1000;
    return Math.max(1, seconds);
  }
}
