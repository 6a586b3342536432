package dev.bulwark.guard.validation;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The user-name rule behind {@link Username}, for code that must store the name in the same form
 * it was checked in. Thread-safe: stateless.
 */
public final class Usernames {
  /** Longest raw input looked at; longer input is invalid without normalizing. */
  public static final int MAX_RAW_CHARS = 256;

  /** Shortest user name, in characters. */
  public static final int MIN_CHARS = 3;

  /** Longest user name, in characters. */
  public static final int MAX_CHARS = 32;

  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_]{" + MIN_CHARS + "," + MAX_CHARS + "}");

  private Usernames() {}

  /**
   * The canonical form of {@code raw} (trimmed, NFKC), or empty if it is not a valid user name.
   * Store and compare this form, never the raw input.
   */
  public static Optional<String> normalize(String raw) {
    if (raw == null || raw.length() > MAX_RAW_CHARS) {
      return Optional.empty();
    }
    String normalized = Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC).strip();
    return ALLOWED.matcher(normalized).matches() ? Optional.of(normalized) : Optional.empty();
  }
}
