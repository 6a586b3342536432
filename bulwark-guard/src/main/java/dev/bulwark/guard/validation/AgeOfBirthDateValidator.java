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

  private Age bounds;

  @Override
  public void initialize(Age age) {
    bounds = checkBounds(age);
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
    return within(bounds, Period.between(birthDate, today).getYears());
  }

  static Age checkBounds(Age age) {
    if (age.min() < 0 || age.max() > 200 || age.min() > age.max()) {
      throw new IllegalArgumentException("@Age needs 0 <= min <= max <= 200");
    }
    return age;
  }

  static boolean within(Age bounds, int years) {
    return years >= bounds.min() && years <= bounds.max();
  }
}
