package dev.bulwark.audit;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One audit rule: a stable id such as {@code BWK-SECRET-001} (ids are never reused, so baselines
 * and inline suppressions keep meaning), a severity, the CWE it detects and a one-line fix hint.
 *
 * @param id the stable id, {@code BWK-<GROUP>-<NNN>}
 * @param title a short name of what is found
 * @param severity how bad a finding is
 * @param cwe the CWE number
 * @param fix one line telling the developer what to do instead
 */
public record Rule(String id, String title, Severity severity, int cwe, String fix) {
  private static final Pattern ID = Pattern.compile("BWK-[A-Z]+-[0-9]{3}");

  /** Checks the id shape and that every part is present. */
  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(fix, "fix");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("rule id must look like BWK-GROUP-001: " + id);
    }
    if (cwe <= 0) {
      throw new IllegalArgumentException("a rule names the CWE it detects");
    }
  }

  /** Whether {@code text} has the shape of a rule id (used by inline suppressions). */
  public static boolean isRuleId(String text) {
    return text != null && ID.matcher(text).matches();
  }
}
