package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SQL injection (CWE-89) by construction: no SQL in {@code bulwark-server/src/main} is built by
 * concatenation or formatting. Statements are string constants with {@code ?} parameters, passed to
 * JDBC by name. The detector is checked on known-bad samples first, so it cannot pass by seeing nothing.
 */
class SqlConcatenationTest {
  private static final Pattern JDBC_CALL =
      Pattern.compile("\\.(prepareStatement|prepareCall|executeQuery|executeUpdate|executeLargeUpdate|addBatch|execute)\\(");
  private static final Pattern CONSTANT_ARGUMENT = Pattern.compile("\\s*([A-Z][A-Z0-9_]*|\"[^\"]*\")?\\s*");
  // Upper case, as the house style writes SQL: English words in messages ("from", "set") are not SQL.
  private static final String SQL_WORD = "(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|FROM|WHERE|VALUES|INTO|SET)";
  private static final Pattern CONCATENATED_SQL = Pattern.compile(
      "\"[^\"\\n]*\\b" + SQL_WORD + "\\b[^\"\\n]*\"\\s*(\\+|\\.formatted\\()"
          + "|\\+\\s*\"[^\"\\n]*\\b" + SQL_WORD + "\\b[^\"\\n]*\""
          + "|String\\.format\\(\\s*\"[^\"\\n]*\\b" + SQL_WORD + "\\b");

  static List<String> findings(String source) {
    List<String> found = new ArrayList<>();
    Matcher call = JDBC_CALL.matcher(source);
    while (call.find()) {
      String argument = argument(source, call.end());
      boolean lambdaOrRunnable = argument.contains("->") || argument.contains("::");
      if (!lambdaOrRunnable && !CONSTANT_ARGUMENT.matcher(argument).matches()) {
        found.add(call.group(1) + "(" + argument + ")");
      }
    }
    Matcher concat = CONCATENATED_SQL.matcher(source);
    while (concat.find()) {
      found.add(concat.group());
    }
    return found;
  }

  private static String argument(String source, int start) {
    int depth = 1;
    int i = start;
    while (i < source.length() && depth > 0) {
      char c = source.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      i++;
    }
    return source.substring(start, Math.max(start, i - 1));
  }

  @Test
  void detector_catchesConcatenatedAndFormattedSql() {
    assertThat(findings("c.prepareStatement(\"SELECT * FROM t WHERE a = '\" + a + \"'\");")).isNotEmpty();
    assertThat(findings("c.prepareStatement(sql);")).isNotEmpty();
    assertThat(findings("String q = \"DELETE FROM t WHERE id = \" + id;")).isNotEmpty();
    assertThat(findings("String q = \"UPDATE t SET a = %s\".formatted(a);")).isNotEmpty();
    assertThat(findings("String q = String.format(\"SELECT %s FROM t\", col);")).isNotEmpty();
    assertThat(findings("s.execute(\"DROP TABLE \" + name);")).isNotEmpty();
    assertThat(findings("c.prepareStatement(SELECT_BY_ID); s.executeQuery(); s.executeUpdate();")).isEmpty();
  }

  @Test
  void sqlInjectionByConcatenation_isAbsentFromServerSources() throws IOException {
    Path sources = Path.of("src/main/java");
    assertThat(sources).isDirectory();
    List<String> all = new ArrayList<>();
    int files;
    try (Stream<Path> walk = Files.walk(sources)) {
      List<Path> java = walk.filter(p -> p.toString().endsWith(".java")).toList();
      files = java.size();
      for (Path file : java) {
        findings(Files.readString(file)).forEach(f -> all.add(sources.relativize(file) + ": " + f));
      }
    }
    assertThat(files).isGreaterThan(20);
    assertThat(all).isEmpty();
  }
}
