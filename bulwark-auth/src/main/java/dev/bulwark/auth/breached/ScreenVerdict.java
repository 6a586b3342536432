package dev.bulwark.auth.breached;

/**
 * What a {@link PasswordScreen} found. {@link #UNAVAILABLE} is a verdict of its own, not an
 * exception and not {@link #NOT_FOUND}, so that the caller decides visibly what an outage means;
 * {@code dev.bulwark.auth.policy.PasswordPolicy} rejects the password on it (fail closed).
 */
public enum ScreenVerdict {
  /** The password is in the list (or, for a filter, very probably is). */
  FOUND,
  /** The password is not in the list. */
  NOT_FOUND,
  /** The screen could not answer (a remote service failed or timed out). */
  UNAVAILABLE
}
