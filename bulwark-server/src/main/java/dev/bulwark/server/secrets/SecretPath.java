package dev.bulwark.server.secrets;

import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;

/**
 * A validated secret path such as {@code app/db/password}: 1 to {@value #MAX_CHARS} characters,
 * segments of {@code [A-Za-z0-9._-]} separated by single slashes, no empty, {@code .} or {@code ..}
 * segment, no leading or trailing slash. The charset keeps paths inert everywhere they travel (URL,
 * SQL parameter, log line, audit record) and rules out traversal-looking names.
 *
 * <p>A path is always relative to its owner: the owner is the authenticated account, never part of
 * the path, so no path can name another account's secret.
 *
 * @param value the path text
 */
public record SecretPath(String value) {
  /** Longest path accepted, in characters. */
  public static final int MAX_CHARS = 256;

  /** Checks the shape; use {@link #parse} for untrusted input. */
  public SecretPath {
    if (!isValid(value)) {
      throw new IllegalArgumentException("not a valid secret path");
    }
  }

  /**
   * Parses a path from a request.
   *
   * @throws PublicError (400) if it is empty, too long, has another character or a bad segment
   */
  public static SecretPath parse(String text) throws PublicError {
    if (!isValid(text)) {
      throw PublicError.of(ErrorKind.BAD_REQUEST, "The secret path is invalid.", "rejected secret path");
    }
    return new SecretPath(text);
  }

  /** True for a path this type accepts. */
  public static boolean isValid(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_CHARS) {
      return false;
    }
    // A plain scan, not a regex: linear in the length whatever the input (no backtracking).
    int segmentStart = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '/') {
        String segment = text.substring(segmentStart, i);
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
          return false;
        }
        segmentStart = i + 1;
      } else if (!isSegmentChar(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code [A-Za-z0-9._-]}. */
  static boolean isSegmentChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  }

  @Override
  public String toString() {
    return value;
  }
}
