package dev.bulwark.auth.onetime;

import java.time.Duration;

/**
 * What a one-time token is for. The purpose is bound into the token's stored hash, so a token
 * issued for one purpose can never be redeemed for another.
 */
public enum TokenPurpose {
  /** Password reset: valid 1 hour by default (OWASP Forgot Password cheat sheet: short-lived). */
  PASSWORD_RESET("password-reset", Duration.ofHours(1)),
  /** E-mail address verification: valid 24 hours by default. */
  EMAIL_VERIFICATION("email-verification", Duration.ofHours(24));

  private final String code;
  private final Duration defaultTimeToLive;

  TokenPurpose(String code, Duration defaultTimeToLive) {
    this.code = code;
    this.defaultTimeToLive = defaultTimeToLive;
  }

  /** The stable text stored in databases. */
  public String code() {
    return code;
  }

  /** How long a token lives unless the issuer says otherwise. */
  public Duration defaultTimeToLive() {
    return defaultTimeToLive;
  }

  /**
   * The purpose with this {@link #code()}.
   *
   * @throws IllegalArgumentException if no purpose has it
   */
  public static TokenPurpose ofCode(String code) {
    for (TokenPurpose purpose : values()) {
      if (purpose.code.equals(code)) {
        return purpose;
      }
    }
    throw new IllegalArgumentException("unknown token purpose");
  }
}
