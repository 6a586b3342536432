package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SQL injection (CWE-89) by construction: every SQL text in {@code bulwark-server/src/main} must be a
 * constant with {@code ?} parameters. Fails listing {@code file:line: reason} for each violation
 * ({@link SqlTextScanner} says what counts). The detector's own tests below prove it can fail.
 */
class NoStringBuiltSqlTest {

  @Test
  void serverMainSources_buildNoSqlFromStrings() throws IOException {
    Path root = Path.of("src/main/java");
    assertThat(root).isDirectory();
    Map<String, String> sources = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        sources.put(root.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    List<String> violations = new ArrayList<>();
    for (SqlTextScanner.FileFinding f : SqlTextScanner.scanAll(sources)) {
      violations.add(f.file() + ":" + f.line() + ": " + f.reason());
    }
    assertThat(sources).as("server sources scanned").hasSizeGreaterThan(10);
    assertThat(violations).as("SQL built from strings (use a constant with ? parameters)").isEmpty();
  }

  @Test
  void concatenatedValue_isFound() {
    assertThat(lines("""
        class A {
          void f(java.sql.Connection c, String id) throws Exception {
            var s = c.prepareStatement("SELECT a FROM t WHERE id = '" + id + "'");
          }
        }
        """)).contains(3);
  }

  @Test
  void concatenatedTableName_isFound_evenWhenTheSqlLiteralIsElsewhereInTheChain() {
    assertThat(lines("""
        class A {
          static final String Q = "SELECT a FROM " + table() + " x";
        }
        """)).containsExactly(2, 2);
  }

  @Test
  void formatAndFormatted_areFound() {
    assertThat(lines("""
        class A {
          String a(String t) { return String.format("DELETE FROM %s WHERE id = ?", t); }
          String b(String t) { return "UPDATE %s SET x = ?".formatted(t); }
        }
        """)).contains(2, 3);
  }

  @Test
  void stringBuilderNearSql_isFound() {
    assertThat(lines("""
        class A {
          String q(java.util.List<String> cols) {
            StringBuilder sb = new StringBuilder();
            sb.append("SELECT ");
            return sb.toString();
          }
        }
        """)).contains(3, 4);
  }

  @Test
  void executeWithVariable_isFound_constantsAndLiteralsAreNot() {
    assertThat(lines("""
        class A {
          static final String GET = "SELECT a FROM t WHERE id = ?";
          void f(java.sql.Connection c, java.sql.Statement st, String sql) throws Exception {
            c.prepareStatement(GET);
            c.prepareStatement("SELECT 1");
            c.prepareStatement(Other.QUERY, 1);
            c.prepareStatement(sql.isEmpty() ? GET : Other.QUERY);
            st.execute(sql.trim());
            st.executeUpdate(build());
          }
        }
        """)).containsExactly(8, 9);
  }

  @Test
  void wrappedLiteralsAndComments_areNotFindings() {
    assertThat(lines("""
        class A {
          // "SELECT " + x in a comment is fine
          /* "DELETE FROM " + y */
          static final String Q = "SELECT a, b FROM t"
              + " WHERE id = ? AND owner = ?";
          static final String T = \"""
              SELECT a FROM t WHERE b = ?\""";
          int n(int i) { return i + 1; }
        }
        """)).isEmpty();
  }

  @Test
  void helperPassingItsParameter_isAcceptedOnlyWhenEveryCallerPassesAConstant() {
    String helper = """
        class Sql {
          static int update(java.sql.Connection c, String sql, Object... params) throws Exception {
            try (var s = c.prepareStatement(sql)) {
              return s.executeUpdate();
            }
          }
        }
        """;
    String good = """
        class Good {
          static final String DELETE = "DELETE FROM t WHERE id = ?";
          void f(java.sql.Connection c) throws Exception { Sql.update(c, DELETE, 1); }
        }
        """;
    String bad = """
        class Bad {
          void f(java.sql.Connection c, String table) throws Exception {
            Sql.update(c, pick(table), 1);
          }
        }
        """;
    assertThat(SqlTextScanner.scanAll(Map.of("Sql.java", helper, "Good.java", good))).isEmpty();
    assertThat(SqlTextScanner.scanAll(Map.of("Sql.java", helper, "Good.java", good, "Bad.java", bad)))
        .extracting(SqlTextScanner.FileFinding::file, SqlTextScanner.FileFinding::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Bad.java", 3));
  }

  @Test
  void executorExecuteWithALambda_isNotSql_butALocalBuiltFromPiecesIs() {
    assertThat(lines("""
        class A {
          void f(java.util.concurrent.Executor executor, java.sql.Statement st, String id) throws Exception {
            executor.execute(() -> run(id));
            String sql = pick(id);
            st.execute(sql);
          }
        }
        """)).containsExactly(5);
  }

  private static List<Integer> lines(String source) {
    return SqlTextScanner.scan(source).stream().map(SqlTextScanner.Finding::line).toList();
  }
}
