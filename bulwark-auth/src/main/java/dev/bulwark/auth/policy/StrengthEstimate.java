package dev.bulwark.auth.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * zxcvbn's estimate of how guessable a password is, offered as guidance (NIST SP 800-63B-4 asks
 * verifiers to help users choose strong passwords); it never decides acceptance on its own.
 *
 * @param score 0 (too guessable) to 4 (very unguessable), zxcvbn's scale
 * @param guessesLog10 log10 of the estimated number of guesses
 * @param warning zxcvbn's warning, if any (English)
 * @param suggestions zxcvbn's suggestions (English), possibly empty
 */
public record StrengthEstimate(int score, double guessesLog10, Optional<String> warning, List<String> suggestions) {
  /** Validates and copies the components. */
  public StrengthEstimate {
    if (score < 0 || score > 4) {
      throw new IllegalArgumentException("score must be 0..4");
    }
    Objects.requireNonNull(warning, "warning");
    suggestions = List.copyOf(suggestions);
  }
}
