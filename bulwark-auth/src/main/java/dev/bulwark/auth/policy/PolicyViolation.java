package dev.bulwark.auth.policy;

import java.util.Objects;

/**
 * One reason a password was refused: a {@link ReasonCode} and a sentence for the user. The message
 * never contains the password or any part of it.
 *
 * @param reason the machine-readable reason
 * @param message a human-readable explanation, in English
 */
public record PolicyViolation(ReasonCode reason, String message) {
  /** Validates the components. */
  public PolicyViolation {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }
}
