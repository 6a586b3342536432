package dev.bulwark.auth.policy;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * zxcvbn4j's estimate. Only the first {@value #MAX_ESTIMATED_CODE_POINTS} code points are measured:
 * zxcvbn's matching grows faster than linearly with length, and any password that long already
 * scores 4, so the cap bounds the cost of a 256-code-point input without changing the answer.
 */
final class StrengthEstimator {
  static final int MAX_ESTIMATED_CODE_POINTS = 100;

  /** One shared instance: measure() keeps no state between calls. */
  private static final Zxcvbn ZXCVBN = new Zxcvbn();

  private StrengthEstimator() {}

  static StrengthEstimate estimate(String password, List<String> userInputs) {
    String measured = password;
    if (password.codePointCount(0, password.length()) > MAX_ESTIMATED_CODE_POINTS) {
      measured = password.substring(0, password.offsetByCodePoints(0, MAX_ESTIMATED_CODE_POINTS));
    }
    Strength strength = ZXCVBN.measure(measured, userInputs);
    try {
      Feedback feedback = strength.getFeedback();
      String warning = feedback.getWarning(Locale.ROOT);
      return new StrengthEstimate(
          strength.getScore(),
          strength.getGuessesLog10(),
          warning == null || warning.isEmpty() ? Optional.empty() : Optional.of(warning),
          feedback.getSuggestions(Locale.ROOT));
    } finally {
      strength.wipe();
    }
  }
}
