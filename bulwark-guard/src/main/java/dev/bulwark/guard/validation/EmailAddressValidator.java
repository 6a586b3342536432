package dev.bulwark.guard.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link EmailAddress} through {@link EmailAddresses#normalize}. Thread-safe: stateless. */
public final class EmailAddressValidator implements ConstraintValidator<EmailAddress, CharSequence> {
  /** Made by the validator factory. */
  public EmailAddressValidator() {}

  @Override
  public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
    return value == null || EmailAddresses.normalize(value.toString()).isPresent();
  }
}
