package dev.bulwark.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The patterns of one {@code .gitignore} file, applied to paths relative to its directory.
 * Supported: blank lines and {@code #} comments, {@code !} negation (last match wins), a trailing
 * {@code /} (directories only), a leading or inner {@code /} (anchored to the root), {@code *},
 * {@code ?}, {@code [...]} and {@code **}. The scanner reads the {@code .gitignore} of every directory
 * it walks and lets the deepest matching one decide, as git does. Limits (docs/audit.md):
 * {@code .git/info/exclude} and the global excludes file are not read; escaped trailing spaces are
 * not kept. Immutable and thread-safe.
 */
public final class GitIgnore {
  private record Entry(Pattern pattern, boolean negated, boolean directoryOnly) {}

  private static final GitIgnore EMPTY = new GitIgnore(List.of());

  private final List<Entry> entries;

  private GitIgnore(List<Entry> entries) {
    this.entries = entries;
  }

  /** No patterns: nothing is ignored. */
  public static GitIgnore empty() {
    return EMPTY;
  }

  /** Parses the text of a {@code .gitignore} file. */
  public static GitIgnore parse(String text) {
    List<Entry> entries = new ArrayList<>();
    for (String raw : text.split("\\r?\\n")) {
      String line = raw.stripTrailing();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean negated = line.startsWith("!");
      if (negated) {
        line = line.substring(1);
      }
      if (line.startsWith("\\")) {
        line = line.substring(1);
      }
      boolean directoryOnly = line.endsWith("/");
      if (directoryOnly) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty()) {
        continue;
      }
      boolean anchored = line.contains("/");
      if (line.startsWith("/")) {
        line = line.substring(1);
      }
      String regex = (anchored ? "" : "(?:.*/)?") + globToRegex(line);
      try {
        entries.add(new Entry(Pattern.compile(regex), negated, directoryOnly));
      } catch (PatternSyntaxException e) {
        // A scanned repository's .gitignore is untrusted input: a pattern git cannot match either
        // (an empty or reversed bracket range) matches nothing rather than failing the scan.
        continue;
      }
    }
    return new GitIgnore(List.copyOf(entries));
  }

  /**
   * Whether {@code relativePath} ({@code /} separators) is ignored. Callers prune ignored
   * directories, so a file inside an ignored directory is never asked about.
   */
  public boolean ignores(String relativePath, boolean directory) {
    return verdict(relativePath, directory) == Verdict.IGNORED;
  }

  /** What this file says of a path: the last matching pattern decides, or nothing matched. */
  enum Verdict {
    IGNORED,
    INCLUDED,
    NO_MATCH
  }

  /**
   * This file's verdict on {@code relativePath} (relative to the file's directory). Nested files
   * combine as git combines them: the verdict of the deepest file that matches wins.
   */
  Verdict verdict(String relativePath, boolean directory) {
    Verdict verdict = Verdict.NO_MATCH;
    for (Entry entry : entries) {
      if (entry.directoryOnly() && !directory) {
        continue;
      }
      if (matchesWithinBudget(entry.pattern(), relativePath)) {
        verdict = entry.negated() ? Verdict.INCLUDED : Verdict.IGNORED;
      }
    }
    return verdict;
  }

  /** Character reads one match may make: far above any honest pattern, far below a hang. */
  static final int MATCH_STEP_BUDGET = 200_000;

  /**
   * Matches with a bound on backtracking. A scanned repository's .gitignore is untrusted, and a
   * pattern such as {@code *a*a*a*a*a*b} backtracks for minutes on a long name (found by
   * AuditParsersFuzzTest). A match that runs out of budget counts as no match, so the file is
   * scanned: a hostile pattern can cost the scan a little time, never hide a file or hang it.
   */
  private static boolean matchesWithinBudget(Pattern pattern, String path) {
    try {
      return pattern.matcher(new BudgetedChars(path, new int[] {MATCH_STEP_BUDGET})).matches();
    } catch (BudgetExceeded e) {
      return false;
    }
  }

  private static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceeded() {
      super("gitignore pattern match over budget", null, false, false);
    }
  }

  /** A string whose reads count against a shared budget (subsequences share it). */
  private record BudgetedChars(String text, int[] budget) implements CharSequence {
    @Override
    public char charAt(int index) {
      if (--budget[0] < 0) {
        throw new BudgetExceeded();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new BudgetedChars(text.substring(start, end), budget);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * A glob bracket expression as a regex class: {@code !} or {@code ^} first negates, an inner
   * {@code -} is a range, every other character is literal (so regex class syntax such as
   * {@code &&} or a nested {@code [} cannot change its meaning).
   */
  private static String bracketClass(String set) {
    StringBuilder members = new StringBuilder();
    boolean negated = set.startsWith("!") || set.startsWith("^");
    int first = negated ? 1 : 0;
    for (int j = first; j < set.length(); j++) {
      char c = set.charAt(j);
      if (j + 2 < set.length() && set.charAt(j + 1) == '-') {
        char end = set.charAt(j + 2);
        if (c <= end) {
          members.append(classChar(c)).append('-').append(classChar(end));
        }
        // A reversed range (z-a) matches nothing in git; it must not become invalid regex syntax.
        j += 2;
      } else {
        members.append(classChar(c));
      }
    }
    if (members.isEmpty()) {
      // "[]", "[!]" or only reversed ranges: nothing matches (never an unclosed regex class), so
      // a malformed pattern cannot hide files from the scan.
      return "(?!)";
    }
    return (negated ? "[^" : "[") + members + "]";
  }

  /** One character inside a regex class: ASCII letters and digits as they are, the rest literal. */
  private static String classChar(char c) {
    if (c < 128 && Character.isLetterOrDigit(c)) {
      return String.valueOf(c);
    }
    // In java.util.regex a backslash before an ASCII non-letter is always that literal character,
    // and \x{...} is a literal for any other code unit, so no member can change the class's meaning.
    return c < 128 ? "\\" + c : String.format("\\x{%04x}", (int) c);
  }

  private static String globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (glob.startsWith("**/", i)) {
          regex.append("(?:.*/)?");
          i += 3;
          continue;
        }
        if (glob.startsWith("**", i)) {
          regex.append(".*");
          i += 2;
          continue;
        }
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else if (c == '[') {
        int close = glob.indexOf(']', i + 1);
        if (close < 0) {
          regex.append("\\[");
        } else {
          regex.append(bracketClass(glob.substring(i + 1, close)));
          i = close;
        }
      } else if (c == '\\' && i + 1 < glob.length()) {
        regex.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
        i++;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    return regex.toString();
  }
}
