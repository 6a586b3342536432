package dev.bulwark.guard.validation;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The password policy {@link AcceptablePassword} delegates to: a small SPI, so {@code bulwark-guard}
 * needs no password library and the deployment's real policy (breach screening, context words) can
 * plug in. Implementations must be thread-safe and must never log or keep the password.
 */
@FunctionalInterface
public interface PasswordChecker {
  /**
   * Why {@code password} is refused, or empty if it is acceptable.
   *
   * @return a rejection with a machine code ({@code too_short}) and a message for the user; neither
   *     may contain the password
   */
  Optional<Rejection> check(String password);

  /**
   * A refused password's reason.
   *
   * @param code short machine code, {@code [a-z_]+}
   * @param message for the user, without the password
   */
  record Rejection(String code, String message) {
    /** Checks the code's shape. */
    public Rejection {
      if (code == null || !code.matches("[a-z_]{1,40}") || message == null || message.isBlank()) {
        throw new IllegalArgumentException("a rejection needs a code of [a-z_] and a message");
      }
    }
  }

  /**
   * NIST SP 800-63B-4 §3.1.1.2 length rules only: at least 15 characters (the minimum for a password
   * that is the only factor), at most 64 (the maximum verifiers must at least allow) and no more,
   * counted in Unicode code points after NFKC normalization, with every character allowed. Use it
   * when nothing better is wired; it screens no breached or common passwords.
   */
  static PasswordChecker nistLengthOnly() {
    return lengthBetween(15, 64);
  }

  /**
   * Length rules with other bounds, e.g. {@code lengthBetween(8, 64)} where the password is only one
   * factor of several (NIST allows 8 then).
   *
   * @throws IllegalArgumentException if {@code minChars < 8} or {@code maxChars} is below 64 or
   *     {@code minChars}, or above 4096
   */
  static PasswordChecker lengthBetween(int minChars, int maxChars) {
    if (minChars < 8 || maxChars < Math.max(64, minChars) || maxChars > 4096) {
      throw new IllegalArgumentException("NIST SP 800-63B-4 needs a minimum of at least 8 and a maximum of at least 64");
    }
    return password -> {
      if (password.length() > 4 * maxChars) {
        return Optional.of(new Rejection("too_long", "must be at most " + maxChars + " characters"));
      }
      String normalized = Normalizer.normalize(password, Normalizer.Form.NFKC);
      int chars = normalized.codePointCount(0, normalized.length());
      if (chars < minChars) {
        return Optional.of(new Rejection("too_short", "must be at least " + minChars + " characters"));
      }
      if (chars > maxChars) {
        return Optional.of(new Rejection("too_long", "must be at most " + maxChars + " characters"));
      }
      return Optional.empty();
    };
  }
}
