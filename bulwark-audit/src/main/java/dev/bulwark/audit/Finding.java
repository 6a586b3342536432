package dev.bulwark.audit;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing the audit found. The excerpt never holds a secret in full: secret rules show its first
 * four characters and a short hash (see {@link Redaction}).
 *
 * @param rule the rule that matched
 * @param path the file, as given to the scanner and relative to it, with {@code /} separators
 * @param line the 1-based line
 * @param column the 1-based column
 * @param excerpt a short, redacted description of the match
 * @param fingerprint the stable id used by baselines: see {@link Fingerprints}
 */
public record Finding(Rule rule, String path, int line, int column, String excerpt, String fingerprint) {
  /** Report order: path, line, column, rule id. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::path)
          .thenComparingInt(Finding::line)
          .thenComparingInt(Finding::column)
          .thenComparing(finding -> finding.rule().id());

  /** Checks that every part is present and the position is 1-based. */
  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(excerpt, "excerpt");
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based");
    }
  }
}
