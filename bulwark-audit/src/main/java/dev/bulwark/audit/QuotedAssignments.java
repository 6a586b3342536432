package dev.bulwark.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds {@code name = "value"} assignments (also {@code :}, {@code :=}, {@code =>}; the name may
 * be quoted, as in JSON) without a regular expression: it jumps from quote to quote and looks
 * backwards for an operator and a name, so its cost follows the number of quotes in a file, not
 * the number of characters. The result is exactly that of the regular expression
 * {@link #SPECIFICATION}'s successive {@code find()} calls (a test holds it to that), which at
 * every offset of every file was most of the scan time of a source tree. Stateless.
 */
final class QuotedAssignments {
  /** What {@link #find} computes, kept as its specification. */
  static final String SPECIFICATION =
      "(?<![A-Za-z0-9_.\\-])[\"']?([A-Za-z_][A-Za-z0-9_.\\-]*)[\"']?\\s*(?::=|=>|=|:)\\s*([\"'`])([^\"'`\\s\\\\]{4,512})\\2";

  private static final char[] QUOTES = {'"', '\'', '`'};
  static final int MIN_VALUE = 4;
  static final int MAX_VALUE = 512;

  /**
   * One assignment.
   *
   * @param start the offset of the name (or of the quote before it)
   * @param name the name
   * @param value the value without quotes
   * @param valueStart the offset of the value
   * @param end the offset after the closing quote
   */
  record Assignment(int start, String name, String value, int valueStart, int end) {}

  private QuotedAssignments() {}

  /** Every assignment, left to right, not overlapping. */
  static List<Assignment> find(String text) {
    List<Assignment> found = new ArrayList<>();
    int lastEnd = 0;
    int n = text.length();
    int[] next = {text.indexOf(QUOTES[0]), text.indexOf(QUOTES[1]), text.indexOf(QUOTES[2])};
    for (int q = nextQuote(text, 0, next); q >= 0; q = nextQuote(text, q + 1, next)) {
      int valueStart = q + 1;
      int valueEnd = valueStart;
      while (valueEnd < n && valueEnd - valueStart <= MAX_VALUE && isValueChar(text.charAt(valueEnd))) {
        valueEnd++;
      }
      int length = valueEnd - valueStart;
      if (length < MIN_VALUE || length > MAX_VALUE || valueEnd >= n || text.charAt(valueEnd) != text.charAt(q)) {
        continue;
      }
      int i = skipSpaceBackwards(text, q - 1, lastEnd);
      // The operator: "=", ":", ":=" or "=>".
      if (i < lastEnd) {
        continue;
      }
      char op = text.charAt(i);
      if (op == '>') {
        if (i - 1 < lastEnd || text.charAt(i - 1) != '=') {
          continue;
        }
        i -= 2;
      } else if (op == '=') {
        i -= i - 1 >= lastEnd && text.charAt(i - 1) == ':' ? 2 : 1;
      } else if (op == ':') {
        i--;
      } else {
        continue;
      }
      i = skipSpaceBackwards(text, i, lastEnd);
      if (i >= lastEnd && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
        i--;
      }
      int nameEnd = i + 1;
      while (i >= 0 && isNameChar(text.charAt(i))) {
        i--;
      }
      int nameStart = i + 1;
      if (nameStart >= nameEnd || nameStart < lastEnd || !isNameStart(text.charAt(nameStart))) {
        continue;
      }
      int start = nameStart > lastEnd && (text.charAt(nameStart - 1) == '"' || text.charAt(nameStart - 1) == '\'')
          && (nameStart - 2 < 0 || !isNameChar(text.charAt(nameStart - 2))) ? nameStart - 1 : nameStart;
      found.add(new Assignment(start, text.substring(nameStart, nameEnd), text.substring(valueStart, valueEnd), valueStart, valueEnd + 1));
      lastEnd = valueEnd + 1;
      q = valueEnd;
    }
    return found;
  }

  /**
   * The next quote at or after {@code from}: the lowest of the next position of each quote
   * character, each found by a vectorised indexOf and searched again only once passed (so a
   * quote character a file lacks is searched for once, not once per quote).
   */
  private static int nextQuote(String text, int from, int[] next) {
    int lowest = -1;
    for (int k = 0; k < QUOTES.length; k++) {
      if (next[k] >= 0 && next[k] < from) {
        next[k] = text.indexOf(QUOTES[k], from);
      }
      if (next[k] >= 0 && (lowest < 0 || next[k] < lowest)) {
        lowest = next[k];
      }
    }
    return lowest;
  }

  private static int skipSpaceBackwards(String text, int from, int floor) {
    int i = from;
    while (i >= floor && isSpace(text.charAt(i))) {
      i--;
    }
    return i;
  }

  /** {@code \s} of java.util.regex. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  private static boolean isValueChar(char c) {
    return c != '"' && c != '\'' && c != '`' && c != '\\' && !isSpace(c);
  }

  private static boolean isNameChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
  }

  private static boolean isNameStart(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
  }
}
