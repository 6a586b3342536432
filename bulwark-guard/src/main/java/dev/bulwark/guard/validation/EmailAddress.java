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
 * An e-mail address in the practical subset of RFC 5321/5322 that mail systems accept:
 * {@code local@domain}, at most 254 characters (RFC 5321 §4.5.3.1.3), a dot-atom local part of at
 * most 64 characters, and a domain name of at least two labels, which may be internationalized
 * (IDNA: {@code user@bücher.example} is valid and checked in its {@code xn--} form).
 *
 * <p>Refused on purpose, because they are rare in sign-ups and common in attacks: quoted local
 * parts, comments, IP-literal domains ({@code user@[127.0.0.1]}), non-ASCII local parts, control
 * characters and whitespace (header injection). {@code null} is valid: add {@code @NotNull}.
 * See {@link EmailAddresses} to get the canonical form.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Constraint(validatedBy = EmailAddressValidator.class)
public @interface EmailAddress {
  /** The error message; it never includes the rejected value. */
  String message() default "must be an e-mail address like name@example.com";

  /** Validation groups. */
  Class<?>[] groups() default {};

  /** Payload for clients of the constraint. */
  Class<? extends Payload>[] payload() default {};
}
