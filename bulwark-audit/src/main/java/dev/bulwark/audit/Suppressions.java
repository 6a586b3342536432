package dev.bulwark.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline suppressions: a comment {@code bulwark:ignore RULE-ID reason} on the line of a finding or
 * on the line above suppresses that rule there. The reason is required (it is what a reviewer
 * reads); a marker followed by nothing, by an unknown {@code BWK-} id or by an id with no reason
 * suppresses nothing and is itself reported as {@link Rules#SUPPRESSION_WITHOUT_REASON}. A marker
 * followed by other words is prose (documentation that mentions the syntax) and is left alone.
 * Immutable.
 */
final class Suppressions {
  /** Spelled in two parts so that this file does not contain a marker itself. */
  private static final String MARKER = "bulwark" + ":ignore";

  private static final Pattern SUPPRESSION = Pattern.compile(Pattern.quote(MARKER) + "([^\\r\\n]*)");
  private static final Pattern COMMENT_END = Pattern.compile("\\s*(\\*/|-->|#}|%>)\\s*$");

  private final Map<Integer, Set<String>> byLine;
  private final List<Finding> malformed;

  private Suppressions(Map<Integer, Set<String>> byLine, List<Finding> malformed) {
    this.byLine = byLine;
    this.malformed = malformed;
  }

  static Suppressions of(SourceFile file) {
    Map<Integer, Set<String>> byLine = new HashMap<>();
    List<Finding> malformed = new ArrayList<>();
    if (!file.text().contains(MARKER)) {
      return new Suppressions(byLine, malformed);
    }
    Matcher m = SUPPRESSION.matcher(file.text());
    while (m.find()) {
      String rest = COMMENT_END.matcher(m.group(1)).replaceAll("").strip();
      boolean separated = m.group(1).isEmpty() || Character.isWhitespace(m.group(1).charAt(0));
      if (!rest.isEmpty() && (!separated || !rest.startsWith("BWK-"))) {
        continue; // prose that mentions the marker (documentation), not a suppression
      }
      int space = rest.indexOf(' ');
      String id = space < 0 ? rest : rest.substring(0, space);
      String reason = space < 0 ? "" : rest.substring(space + 1).strip();
      if (!Rule.isRuleId(id) || Rules.byId(id) == null || reason.isEmpty()) {
        String excerpt = MARKER + " " + id + (reason.isEmpty() ? " (no reason given)" : " (unknown rule id)");
        malformed.add(file.finding(Rules.SUPPRESSION_WITHOUT_REASON, m.start(), excerpt, MARKER + id + reason));
        continue;
      }
      int line = file.lineOf(m.start());
      byLine.computeIfAbsent(line, l -> new HashSet<>()).add(id);
      byLine.computeIfAbsent(line + 1, l -> new HashSet<>()).add(id);
    }
    return new Suppressions(byLine, malformed);
  }

  boolean suppresses(Finding finding) {
    Set<String> ids = byLine.get(finding.line());
    return ids != null && ids.contains(finding.rule().id());
  }

  /** The findings for markers without a valid rule id or a reason. */
  List<Finding> malformed() {
    return List.copyOf(malformed);
  }
}
