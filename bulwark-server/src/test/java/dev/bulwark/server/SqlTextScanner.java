package dev.bulwark.server;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds SQL built from pieces in Java source: the scanner behind {@link NoStringBuiltSqlTest}. It
 * tokenizes (comments dropped, string literals and text blocks kept whole), splits statements on
 * {@code ; { }}, and reports, with a line number:
 *
 * <ul>
 *   <li>a statement holding an SQL literal in which {@code +} joins a string literal to anything that
 *       is not a string literal, or which uses {@code +=} (literal + literal is allowed: line wrapping);
 *   <li>a statement holding an SQL literal that calls {@code format}/{@code formatted}, {@code
 *       append}, {@code join}/{@code joining}, or names {@code StringBuilder}/{@code StringJoiner};
 *   <li>a {@code StringBuilder} within {@value #NEAR_LINES} lines of an SQL literal;
 *   <li>{@code prepareStatement}, {@code prepareCall}, {@code execute*}, {@code addBatch} or {@code
 *       nativeSQL} whose first argument is neither a string literal nor an {@code UPPER_SNAKE}
 *       constant.
 * </ul>
 */
final class SqlTextScanner {
  static final int NEAR_LINES = 5;

  private static final Pattern SQL = Pattern.compile("\\b(SELECT|INSERT\\s+INTO|UPDATE\\s+\\S+\\s+SET|DELETE\\s+FROM"
      + "|CREATE\\s+(TABLE|INDEX|UNIQUE|SCHEMA)|DROP\\s+(TABLE|INDEX|SCHEMA)|ALTER\\s+TABLE|WHERE|VALUES|PRAGMA|TRUNCATE)\\b");
  private static final Pattern EXECUTING = Pattern.compile(
      "(^|\\.)(prepareStatement|prepareCall|execute|executeQuery|executeUpdate|executeLargeUpdate|addBatch|nativeSQL)$");
  private static final Pattern BUILDING = Pattern.compile(
      "(^|\\.)(format|formatted|append|join|joining|StringBuilder|StringJoiner|insert|repeat)$");
  private static final Pattern CONSTANT = Pattern.compile("([A-Za-z_$][\\w$]*\\.)*[A-Z][A-Z0-9_]*");

  private SqlTextScanner() {}

  enum Kind {
    STRING,
    WORD,
    PUNCT
  }

  record Token(Kind kind, String text, int line) {}

  /** One finding: the 1-based line and why. */
  record Finding(int line, String reason) {}

  static List<Finding> scan(String source) {
    List<Token> tokens = tokenize(source);
    List<Finding> findings = new ArrayList<>();
    List<Token> statement = new ArrayList<>();
    for (Token t : tokens) {
      if (t.kind() == Kind.PUNCT && (t.text().equals(";") || t.text().equals("{") || t.text().equals("}"))) {
        checkStatement(statement, findings);
        statement.clear();
      } else {
        statement.add(t);
      }
    }
    checkStatement(statement, findings);
    checkExecutions(tokens, findings);
    checkBuildersNearSql(tokens, findings);
    return findings;
  }

  private static boolean isSql(Token t) {
    return t.kind() == Kind.STRING && SQL.matcher(t.text()).find();
  }

  private static void checkStatement(List<Token> s, List<Finding> findings) {
    Token sql = s.stream().filter(SqlTextScanner::isSql).findFirst().orElse(null);
    if (sql == null) {
      return;
    }
    for (int i = 0; i < s.size(); i++) {
      Token t = s.get(i);
      if (t.kind() == Kind.PUNCT && t.text().equals("+")) {
        Token before = i > 0 ? s.get(i - 1) : null;
        Token after = i + 1 < s.size() ? s.get(i + 1) : null;
        if (after != null && after.kind() == Kind.PUNCT && after.text().equals("=")) {
          findings.add(new Finding(t.line(), "SQL appended to with +="));
        } else if (isString(before) != isString(after)) {
          findings.add(new Finding(t.line(), "SQL concatenated with a non-literal"));
        }
      } else if (t.kind() == Kind.WORD && BUILDING.matcher(t.text()).find()) {
        findings.add(new Finding(t.line(), "SQL built with " + t.text()));
      }
    }
  }

  private static boolean isString(Token t) {
    return t != null && t.kind() == Kind.STRING;
  }

  private static void checkExecutions(List<Token> tokens, List<Finding> findings) {
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token call = tokens.get(i);
      if (call.kind() != Kind.WORD || !EXECUTING.matcher(call.text()).find() || !tokens.get(i + 1).text().equals("(")) {
        continue;
      }
      List<Token> argument = new ArrayList<>();
      int depth = 0;
      for (int j = i + 2; j < tokens.size(); j++) {
        Token t = tokens.get(j);
        if (depth == 0 && (t.text().equals(")") || t.text().equals(","))) {
          break;
        }
        depth += t.text().equals("(") ? 1 : t.text().equals(")") ? -1 : 0;
        argument.add(t);
      }
      boolean constant = argument.isEmpty() || (argument.size() == 1 && (argument.getFirst().kind() == Kind.STRING
          || (argument.getFirst().kind() == Kind.WORD && CONSTANT.matcher(argument.getFirst().text()).matches())));
      if (!constant) {
        findings.add(new Finding(call.line(), call.text() + " with non-constant SQL"));
      }
    }
  }

  private static void checkBuildersNearSql(List<Token> tokens, List<Finding> findings) {
    List<Integer> sqlLines = tokens.stream().filter(SqlTextScanner::isSql).map(Token::line).toList();
    for (Token t : tokens) {
      if (t.kind() == Kind.WORD && t.text().endsWith("StringBuilder")
          && sqlLines.stream().anyMatch(l -> Math.abs(l - t.line()) <= NEAR_LINES)) {
        findings.add(new Finding(t.line(), "StringBuilder next to SQL"));
      }
    }
  }

  static List<Token> tokenize(String src) {
    List<Token> out = new ArrayList<>();
    int line = 1;
    int i = 0;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (src.startsWith("//", i)) {
        while (i < src.length() && src.charAt(i) != '\n') {
          i++;
        }
      } else if (src.startsWith("/*", i)) {
        int end = src.indexOf("*/", i + 2);
        end = end < 0 ? src.length() : end + 2;
        line += count(src, i, end);
        i = end;
      } else if (src.startsWith("\"\"\"", i)) {
        int end = src.indexOf("\"\"\"", i + 3);
        end = end < 0 ? src.length() : end + 3;
        out.add(new Token(Kind.STRING, src.substring(i, end), line));
        line += count(src, i, end);
        i = end;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < src.length() && src.charAt(j) != c && src.charAt(j) != '\n') {
          j += src.charAt(j) == '\\' ? 2 : 1;
        }
        j = Math.min(j + 1, src.length());
        out.add(new Token(c == '"' ? Kind.STRING : Kind.WORD, src.substring(i, j), line));
        i = j;
      } else if (Character.isJavaIdentifierPart(c) || c == '.') {
        int j = i;
        while (j < src.length() && (Character.isJavaIdentifierPart(src.charAt(j)) || src.charAt(j) == '.')) {
          j++;
        }
        out.add(new Token(Kind.WORD, src.substring(i, j), line));
        i = j;
      } else {
        out.add(new Token(Kind.PUNCT, String.valueOf(c), line));
        i++;
      }
    }
    return out;
  }

  private static int count(String s, int from, int to) {
    int n = 0;
    for (int k = from; k < to; k++) {
      n += s.charAt(k) == '\n' ? 1 : 0;
    }
    return n;
  }
}
