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
 * A password the deployment's {@link PasswordChecker} accepts. The checker is, in order: the one
 * given to {@link GuardValidation#validator(PasswordChecker)}; else the first {@link
 * PasswordChecker} service on the module or class path ({@link java.util.ServiceLoader}), such as
 * an adapter over {@code bulwark-auth}'s password policy; else {@link
 * PasswordChecker#nistLengthOnly()} (NIST SP 800-63B-4 length rules). {@code bulwark-guard} never
 * depends on {@code bulwark-auth}: the application that has both wires them.
 *
 * <p>The error's code is the checker's reason ({@code too_short}, {@code breached}...); the
 * message never contains the password. {@code null} is valid: add {@code @NotNull}.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Constraint(validatedBy = AcceptablePasswordValidator.class)
public @interface AcceptablePassword {
  /** The error message used when the checker gives none; never includes the password. */
  String message() default "is not an acceptable password";

  /** Validation groups. */
  Class<?>[] groups() default {};

  /** Payload for clients of the constraint. */
  Class<? extends Payload>[] payload() default {};
}
