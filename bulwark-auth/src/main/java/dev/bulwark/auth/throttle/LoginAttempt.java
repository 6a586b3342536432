package dev.bulwark.auth.throttle;

import java.time.Duration;
import java.util.Objects;

/** The answer of {@link LoginThrottle#tryAttempt}: check the password, or wait. */
public sealed interface LoginAttempt {
  /**
   * Go ahead and check the credentials; the attempt already counts as a failure, so report a
   * success with {@link LoginThrottle#succeeded(Permitted)}.
   *
   * @param account the canonical account name
   * @param addressKey the counter key of the client address
   */
  record Permitted(String account, String addressKey) implements LoginAttempt {
    /** Checks both parts are present. */
    public Permitted {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(addressKey, "addressKey");
    }
  }

  /**
   * Do not check the credentials now; answer as for a failed login (same status and body, so the
   * delay does not reveal whether the account exists) and tell the client when to retry.
   *
   * @param retryAfter how long until an attempt would be permitted
   */
  record Delayed(Duration retryAfter) implements LoginAttempt {
    /** Checks the delay is positive. */
    public Delayed {
      Objects.requireNonNull(retryAfter, "retryAfter");
      if (retryAfter.isZero() || retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must be positive");
      }
    }
  }
}
