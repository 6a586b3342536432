package dev.bulwark.auth.policy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds context words in a password: each word and its pieces (split at anything that is not a
 * letter or digit; an e-mail address contributes its local part and that part's pieces, not the
 * domain, which is shared by many users) are NFKC-normalised and lower-cased and the password must
 * not contain any of them. Words shorter than {@value #MIN_WORD_CODE_POINTS} code points are ignored:
 * they would appear by chance in long passphrases.
 */
final class ContextWords {
  static final int MIN_WORD_CODE_POINTS = 4;

  private ContextWords() {}

  /** The sources whose words occur in {@code lowerPassword}, in {@link PasswordContext.Source} order. */
  static Set<PasswordContext.Source> found(String lowerPassword, List<PasswordContext.Word> words) {
    Set<PasswordContext.Source> found = EnumSet.noneOf(PasswordContext.Source.class);
    for (PasswordContext.Word word : words) {
      for (String candidate : variants(word)) {
        if (candidate.codePointCount(0, candidate.length()) >= MIN_WORD_CODE_POINTS
            && lowerPassword.contains(candidate)) {
          found.add(word.source());
        }
      }
    }
    return found;
  }

  static String lower(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  private static List<String> variants(PasswordContext.Word word) {
    String text = lower(word.text()).strip();
    List<String> out = new ArrayList<>();
    out.add(text);
    if (word.source() == PasswordContext.Source.EMAIL) {
      int at = text.lastIndexOf('@');
      if (at > 0) {
        text = text.substring(0, at);
        out.add(text);
      }
    }
    for (String piece : text.split("[^\\p{L}\\p{N}]+")) {
      if (!piece.isEmpty() && !piece.equals(text)) {
        out.add(piece);
      }
    }
    return out;
  }
}
