package dev.bulwark.guard.validation;

import java.io.Serializable;
import java.util.Objects;

/**
 * One failed constraint, safe to return to a client and to log: it names the field, a machine
 * code and a message, and never the rejected value.
 *
 * @param field the property path ({@code address.email}); empty for a class-level constraint
 * @param code the constraint's name ({@code Username}, {@code NotNull}) or a password checker's
 *     reason ({@code too_short})
 * @param message for the user
 */
public record ValidationError(String field, String code, String message) implements Serializable {
  /** Checks the parts are present. */
  public ValidationError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
