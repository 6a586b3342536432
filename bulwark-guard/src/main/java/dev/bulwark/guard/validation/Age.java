package dev.bulwark.guard.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An age in whole years from {@link #min()} to {@link #max()} inclusive: on an {@code Integer}
 * (years) or on a {@code LocalDate} birth date (age in completed years today, UTC). A birth date in
 * the future is invalid. {@code null} is valid: add {@code @NotNull}.
 *
 * {@snippet :
 * record Registration(@NotNull @Age(min = 13, max = 120) LocalDate birthDate) {}
 * }
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Constraint(validatedBy = {AgeValidator.class, AgeOfBirthDateValidator.class})
public @interface Age {
  /** Youngest accepted age in years (13: COPPA's threshold). */
  int min() default 13;

  /** Oldest accepted age in years. */
  int max() default 120;

  /** The error message; {min} and {max} are replaced, the value never appears. */
  String message() default "must be an age from {min} to {max} years";

  /** Validation groups. */
  Class<?>[] groups() default {};

  /** Payload for clients of the constraint. */
  Class<? extends Payload>[] payload() default {};
}
