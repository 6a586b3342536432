package dev.bulwark.guard.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link Username} through {@link Usernames#normalize}. Thread-safe: stateless. */
public final class UsernameValidator implements ConstraintValidator<Username, CharSequence> {
  /** Made by the validator factory. */
  public UsernameValidator() {}

  @Override
  public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
    return value == null || Usernames.normalize(value.toString()).isPresent();
  }
}
