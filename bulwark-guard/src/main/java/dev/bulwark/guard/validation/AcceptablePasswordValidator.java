package dev.bulwark.guard.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Checks {@link AcceptablePassword} with a {@link PasswordChecker}: the injected one, else the first
 * service provider, else NIST length rules. The checker's code becomes the violation's message
 * key ({@code {code}message}), so the structured error can carry it. Thread-safe.
 */
public final class AcceptablePasswordValidator implements ConstraintValidator<AcceptablePassword, CharSequence> {
  /** Separates the checker's code from its message in the violation's message template. */
  public static final char CODE_SEPARATOR = '\u001f';

  private final PasswordChecker checker;

  /** Uses the first {@link PasswordChecker} service, or NIST length rules if there is none. */
  public AcceptablePasswordValidator() {
    this(discover());
  }

  /** Uses {@code checker}. */
  public AcceptablePasswordValidator(PasswordChecker checker) {
    this.checker = Objects.requireNonNull(checker, "checker");
  }

  /** The first {@link PasswordChecker} service provider, or the NIST length rules. */
  public static PasswordChecker discover() {
    return ServiceLoader.load(PasswordChecker.class).findFirst().orElseGet(PasswordChecker::nistLengthOnly);
  }

  @Override
  public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
    if (value == null) {
      return true;
    }
    Optional<PasswordChecker.Rejection> rejection = checker.check(value.toString());
    if (rejection.isEmpty()) {
      return true;
    }
    context.disableDefaultConstraintViolation();
    // Escape the message: it is a template, and a checker's text must not be interpolated.
    String message = rejection.get().message().replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    context.buildConstraintViolationWithTemplate(rejection.get().code() + CODE_SEPARATOR + message).addConstraintViolation();
    return false;
  }
}
