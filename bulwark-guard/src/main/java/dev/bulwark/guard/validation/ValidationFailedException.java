package dev.bulwark.guard.validation;

import dev.bulwark.guard.GuardException;
import java.io.Serial;
import java.util.ArrayList;
import java.util.List;

/**
 * Input failed validation; {@link #errors()} says which fields and why, without any value. The
 * message lists field and code pairs only.
 */
public final class ValidationFailedException extends GuardException {
  @Serial private static final long serialVersionUID = 1L;

  // ArrayList, not List: the exception is Serializable and so must its fields be.
  private final ArrayList<ValidationError> errors;

  /** @param errors at least one error */
  public ValidationFailedException(List<ValidationError> errors) {
    super("validation failed: " + summary(errors));
    this.errors = new ArrayList<>(errors);
  }

  /** The errors, sorted by field then code. */
  public List<ValidationError> errors() {
    return List.copyOf(errors);
  }

  private static String summary(List<ValidationError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a validation failure needs at least one error");
    }
    StringBuilder text = new StringBuilder();
    for (ValidationError error : errors) {
      text.append(text.isEmpty() ? "" : ", ").append(error.field()).append(' ').append(error.code());
    }
    return text.toString();
  }
}
