package dev.bulwark.guard.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;

/**
 * Checks {@link Age} on a birth date, against today in the validator's clock (Bean Validation's
 * {@code ClockProvider}, UTC by default). Thread-safe after initialization.
 */
public final class AgeOfBirthDateValidator implements ConstraintValidator<Age, LocalDate> {
  /** Made by the validator factory. */
  public AgeOfBirthDateValidator() {}

  private int min;
  private int max;

  @Override
  public void initialize(Age age) {
    min = age.min();
    max = age.max();
    checkBounds(min, max);
  }

  @Override
  public boolean isValid(LocalDate birthDate, ConstraintValidatorContext context) {
    if (birthDate == null) {
      return true;
    }
    Clock clock = context.getClockProvider().getClock();
    LocalDate today = LocalDate.now(clock);
    if (birthDate.isAfter(today)) {
      return false;
    }
    int years = Period.between(birthDate, today).getYears();
    return years >= min && years <= max;
  }

  static void checkBounds(int min, int max) {
    if (min < 0 || max > 200 || min > max) {
      throw new IllegalArgumentException("@Age needs 0 <= min <= max <= 200");
    }
  }
}
