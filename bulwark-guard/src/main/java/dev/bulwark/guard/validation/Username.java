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
 * A user name: after trimming and Unicode NFKC normalization, 3 to 32 of {@code [A-Za-z0-9_]}.
 *
 * <p>Why NFKC first: full-width {@code ａｄｍｉｎ} and other compatibility forms normalize to {@code
 * admin}, so they are checked (and, with {@link Usernames#normalize}, stored) as the name they look
 * like, and cannot register a look-alike of an existing account. Input longer than {@value
 * Usernames#MAX_RAW_CHARS} characters is refused before normalizing (NFKC can expand text).
 * {@code null} is valid, as with every Bean Validation constraint: add {@code @NotNull}.
 *
 * {@snippet :
 * record Registration(@NotNull @Username String username) {}
 * }
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Constraint(validatedBy = UsernameValidator.class)
public @interface Username {
  /** The error message; it never includes the rejected value. */
  String message() default "must be 3 to 32 letters, digits or underscores";

  /** Validation groups. */
  Class<?>[] groups() default {};

  /** Payload for clients of the constraint. */
  Class<? extends Payload>[] payload() default {};
}
