package dev.bulwark.auth.policy;

import java.util.Locale;

/**
 * Why {@link PasswordPolicy} refused a password: stable, machine-readable codes (an API or a form
 * maps them to its own wording). {@link #code()} is the lower-case spelling used in JSON and by the
 * CLI; neither changes within a major version.
 */
public enum ReasonCode {
  /** Fewer code points (after NFKC) than the minimum: 15, or 8 with multi-factor authentication. */
  TOO_SHORT,
  /** More than {@value PasswordPolicy#MAX_LENGTH_CODE_POINTS} code points after NFKC. */
  TOO_LONG,
  /** A control character, an unpaired surrogate or an unassigned code point. */
  UNSUPPORTED_CHARACTER,
  /** On a breached or common-password list. */
  BREACHED,
  /** A breached-password screen could not answer and the policy fails closed. */
  SCREENING_UNAVAILABLE,
  /** Contains the user name, e-mail address, service name or another context word. */
  CONTEXT_WORD,
  /** Trivially repetitive ("aaaa...", "abcabc...", "passwordpassword"). */
  REPETITIVE,
  /** Trivially sequential ("abcdef...", "987654...", "qwertyuiop..."). */
  SEQUENTIAL;

  /** The lower-case code, e.g. {@code too_short}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
