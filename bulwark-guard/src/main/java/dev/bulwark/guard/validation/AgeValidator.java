package dev.bulwark.guard.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link Age} on an age in years. Thread-safe after initialization. */
public final class AgeValidator implements ConstraintValidator<Age, Integer> {
  /** Made by the validator factory. */
  public AgeValidator() {}

  private Age bounds;

  @Override
  public void initialize(Age age) {
    bounds = AgeOfBirthDateValidator.checkBounds(age);
  }

  @Override
  public boolean isValid(Integer value, ConstraintValidatorContext context) {
    return value == null || AgeOfBirthDateValidator.within(bounds, value);
  }
}
