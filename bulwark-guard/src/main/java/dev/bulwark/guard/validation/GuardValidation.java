package dev.bulwark.guard.validation;

import jakarta.validation.Configuration;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Validates beans with Hibernate Validator and reports {@link ValidationError}s that never echo the
 * rejected value.
 *
 * <p>Guarantees: messages are interpolated by {@link ParameterMessageInterpolator} only ({@code
 * {min}}-style parameters, no Expression Language, so a message template can never evaluate input:
 * the CVE-2020-10693 / "EL injection in custom violation messages" class); a message that still
 * contains the rejected value's text is replaced by a generic one.
 *
 * {@snippet :
 * GuardValidation validation = GuardValidation.validator(PasswordChecker.nistLengthOnly());
 * validation.check(registration);   // or ValidationFailedException with errors()
 * }
 *
 * <p>Thread-safe. Build one per application: it holds a {@link ValidatorFactory}; {@link #close()}
 * releases it.
 */
public final class GuardValidation implements AutoCloseable {
  private final ValidatorFactory factory;
  private final Validator validator;

  private GuardValidation(PasswordChecker checker) {
    Configuration<?> configuration = Validation.byProvider(HibernateValidator.class)
        .configure()
        .messageInterpolator(new ParameterMessageInterpolator());
    ConstraintValidatorFactory defaults = configuration.getDefaultConstraintValidatorFactory();
    configuration.constraintValidatorFactory(new ConstraintValidatorFactory() {
      @Override
      public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> key) {
        if (key == AcceptablePasswordValidator.class) {
          return key.cast(new AcceptablePasswordValidator(checker));
        }
        return defaults.getInstance(key);
      }

      @Override
      public void releaseInstance(ConstraintValidator<?, ?> instance) {
        defaults.releaseInstance(instance);
      }
    });
    this.factory = configuration.buildValidatorFactory();
    this.validator = factory.getValidator();
  }

  /**
   * A validator whose {@link AcceptablePassword} uses the first {@link PasswordChecker} service,
   * or NIST length rules when there is none.
   */
  public static GuardValidation validator() {
    return new GuardValidation(AcceptablePasswordValidator.discover());
  }

  /** A validator whose {@link AcceptablePassword} uses {@code checker}. */
  public static GuardValidation validator(PasswordChecker checker) {
    return new GuardValidation(Objects.requireNonNull(checker, "checker"));
  }

  /**
   * Every constraint {@code bean} breaks, sorted by field then code; empty if it is valid.
   */
  public List<ValidationError> validate(Object bean) {
    Set<ConstraintViolation<Object>> violations = validator.validate(Objects.requireNonNull(bean, "bean"));
    List<ValidationError> errors = new ArrayList<>(violations.size());
    for (ConstraintViolation<Object> violation : violations) {
      errors.add(toError(violation));
    }
    errors.sort(Comparator.comparing(ValidationError::field).thenComparing(ValidationError::code));
    return List.copyOf(errors);
  }

  /**
   * Checks {@code bean}.
   *
   * @throws ValidationFailedException if any constraint fails, with every error
   */
  public <T> T check(T bean) throws ValidationFailedException {
    List<ValidationError> errors = validate(bean);
    if (!errors.isEmpty()) {
      throw new ValidationFailedException(errors);
    }
    return bean;
  }

  private static ValidationError toError(ConstraintViolation<?> violation) {
    String field = violation.getPropertyPath().toString();
    String code = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
    String message = violation.getMessage();
    int separator = message.indexOf(AcceptablePasswordValidator.CODE_SEPARATOR);
    if (separator > 0) {
      code = message.substring(0, separator);
      message = message.substring(separator + 1);
    }
    Object value = violation.getInvalidValue();
    if (value != null) {
      String text = value.toString();
      // A custom constraint's message might quote the value ({validatedValue}-style); never echo it.
      // Whole-token match, so age 12 is not "found" in "from 13 to 120".
      if (!text.isEmpty() && java.util.regex.Pattern.compile(
          "(?<![\\p{L}\\p{N}])" + java.util.regex.Pattern.quote(text) + "(?![\\p{L}\\p{N}])").matcher(message).find()) {
        message = "is not valid";
      }
    }
    return new ValidationError(field, code, message);
  }

  @Override
  public void close() {
    factory.close();
  }
}
