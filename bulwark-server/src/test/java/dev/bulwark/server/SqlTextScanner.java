package dev.bulwark.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 *       nativeSQL} whose first argument is neither a string literal, an {@code UPPER_SNAKE} constant,
 *       nor a {@code String} parameter of a helper method every caller of which (in any scanned file)
 *       passes a constant there in turn; a lambda or method reference ({@code executor.execute(() ->
 *       ...)}) is code, not SQL, and passes.
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

  /** One finding in one of several files. */
  record FileFinding(String file, int line, String reason) {}

  /** A method that passes its String parameter number {@code index} to a JDBC call: its callers must pass constants. */
  record Helper(String className, String method, int index) {}

  /** Scans one file on its own (helpers are checked against call sites in the same file only). */
  static List<Finding> scan(String source) {
    return scanAll(Map.of("Source.java", source)).stream().map(f -> new Finding(f.line(), f.reason())).toList();
  }

  /**
   * Scans files together, so a helper such as {@code Sql.update(Connection, String sql, ...)} is
   * accepted only if every call to it, in any file, passes a constant (or its own such parameter).
   */
  static List<FileFinding> scanAll(Map<String, String> sources) {
    Map<String, List<Token>> files = new TreeMap<>();
    sources.forEach((name, text) -> files.put(name, tokenize(text)));
    List<FileFinding> out = new ArrayList<>();
    Set<Helper> helpers = new LinkedHashSet<>();
    files.forEach((name, tokens) -> {
      for (Finding f : scanFile(tokens, helpers, className(name))) {
        out.add(new FileFinding(name, f.line(), f.reason()));
      }
    });
    Set<Helper> checked = new HashSet<>();
    while (!checked.containsAll(helpers)) {
      for (Helper h : List.copyOf(helpers)) {
        if (checked.add(h)) {
          files.forEach((name, tokens) -> checkHelperCalls(h, name, tokens, helpers, out));
        }
      }
    }
    return out;
  }

  private static String className(String fileName) {
    String simple = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    return simple.endsWith(".java") ? simple.substring(0, simple.length() - 5) : simple;
  }

  private static List<Finding> scanFile(List<Token> tokens, Set<Helper> helpers, String className) {
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
    checkExecutions(tokens, findings, helpers, className);
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

  private static void checkExecutions(List<Token> tokens, List<Finding> findings, Set<Helper> helpers, String className) {
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token call = tokens.get(i);
      if (call.kind() != Kind.WORD || !EXECUTING.matcher(call.text()).find() || !tokens.get(i + 1).text().equals("(")) {
        continue;
      }
      List<Token> argument = argument(tokens, i + 2, 0);
      if (argument.isEmpty() || isConstant(argument) || isCode(argument)) {
        continue;
      }
      List<Helper> declaring = argument.size() == 1 ? declaringHelpers(tokens, argument.getFirst().text(), className) : List.of();
      if (declaring.isEmpty() || assignedNonConstant(tokens, argument.getFirst().text())) {
        findings.add(new Finding(call.line(), call.text() + " with non-constant SQL"));
      } else {
        helpers.addAll(declaring);
      }
    }
  }

  /** Every call to {@code h} must pass a constant, or a parameter of a method that is itself checked the same way. */
  private static void checkHelperCalls(Helper h, String file, List<Token> tokens, Set<Helper> helpers, List<FileFinding> out) {
    boolean sameFile = className(file).equals(h.className());
    for (int i = 0; i + 1 < tokens.size(); i++) {
      String word = tokens.get(i).text();
      boolean named = word.equals(h.className() + "." + h.method())
          || (sameFile && (word.equals(h.method()) || word.equals("this." + h.method())));
      if (tokens.get(i).kind() != Kind.WORD || !named || !tokens.get(i + 1).text().equals("(")) {
        continue;
      }
      List<Token> argument = argument(tokens, i + 2, h.index());
      boolean declaration = argument.size() == 2 && argument.get(0).kind() == Kind.WORD && argument.get(1).kind() == Kind.WORD;
      if (declaration || isConstant(argument)) {
        continue;
      }
      List<Helper> declaring = argument.size() == 1 ? declaringHelpers(tokens, argument.getFirst().text(), className(file)) : List.of();
      if (declaring.isEmpty() || assignedNonConstant(tokens, argument.getFirst().text())) {
        out.add(new FileFinding(file, tokens.get(i).line(), "SQL helper " + h.className() + "." + h.method() + " given non-constant SQL"));
      } else {
        helpers.addAll(declaring);
      }
    }
  }

  /** The tokens of argument number {@code index} of the call whose arguments start at {@code start}. */
  private static List<Token> argument(List<Token> tokens, int start, int index) {
    List<Token> argument = new ArrayList<>();
    int depth = 0;
    int current = 0;
    for (int j = start; j < tokens.size(); j++) {
      String t = tokens.get(j).text();
      if (depth == 0 && (t.equals(")") || t.equals(","))) {
        if (t.equals(")") || current == index) {
          break;
        }
        current++;
        continue;
      }
      depth += t.equals("(") ? 1 : t.equals(")") ? -1 : 0;
      if (current == index) {
        argument.add(tokens.get(j));
      }
    }
    return argument;
  }

  /** One literal or UPPER_SNAKE constant, or {@code condition ? CONSTANT : CONSTANT}. */
  private static boolean isConstant(List<Token> argument) {
    int question = -1;
    int colon = -1;
    int depth = 0;
    for (int k = 0; k < argument.size(); k++) {
      String t = argument.get(k).text();
      depth += t.equals("(") ? 1 : t.equals(")") ? -1 : 0;
      if (depth == 0 && t.equals("?") && question < 0) {
        question = k;
      } else if (depth == 0 && t.equals(":") && question >= 0 && colon < 0) {
        colon = k;
      }
    }
    if (question >= 0 && colon > question) {
      return isConstant(argument.subList(question + 1, colon)) && isConstant(argument.subList(colon + 1, argument.size()));
    }
    return argument.size() == 1 && (argument.getFirst().kind() == Kind.STRING
        || (argument.getFirst().kind() == Kind.WORD && CONSTANT.matcher(argument.getFirst().text()).matches()));
  }

  /** A lambda or method reference (an executor's {@code execute(() -> ...)}): code, not SQL text. */
  private static boolean isCode(List<Token> argument) {
    for (int k = 0; k + 1 < argument.size(); k++) {
      String a = argument.get(k).text();
      String b = argument.get(k + 1).text();
      if ((a.equals("-") && b.equals(">")) || (a.equals(":") && b.equals(":"))) {
        return true;
      }
    }
    return false;
  }

  /** The methods of this file that declare {@code String name} as a parameter, with its position. */
  private static List<Helper> declaringHelpers(List<Token> tokens, String name, String className) {
    List<Helper> found = new ArrayList<>();
    for (int i = 0; i + 2 < tokens.size(); i++) {
      if (!tokens.get(i).text().equals("String") || !tokens.get(i + 1).text().equals(name)
          || !(tokens.get(i + 2).text().equals(",") || tokens.get(i + 2).text().equals(")"))) {
        continue;
      }
      int depth = 0;
      int index = 0;
      for (int j = i - 1; j > 0; j--) {
        String t = tokens.get(j).text();
        if (t.equals(")")) {
          depth++;
        } else if (t.equals("(") && depth > 0) {
          depth--;
        } else if (t.equals("(")) {
          if (tokens.get(j - 1).kind() == Kind.WORD) {
            found.add(new Helper(className, tokens.get(j - 1).text(), index));
          }
          break;
        } else if (t.equals(",") && depth == 0) {
          index++;
        } else if (t.equals(";") || t.equals("{") || t.equals("}")) {
          break;
        }
      }
    }
    return found;
  }

  /** True if the file assigns {@code name} anything but one constant ({@code sql = "..." + x;}, {@code sql = build();}). */
  private static boolean assignedNonConstant(List<Token> tokens, String name) {
    for (int i = 0; i + 2 < tokens.size(); i++) {
      if (tokens.get(i).text().equals(name) && tokens.get(i + 1).text().equals("=") && !tokens.get(i + 2).text().equals("=")) {
        List<Token> value = new ArrayList<>();
        for (int j = i + 2; j < tokens.size() && !tokens.get(j).text().equals(";"); j++) {
          value.add(tokens.get(j));
        }
        if (!isConstant(value)) {
          return true;
        }
      }
    }
    return false;
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
