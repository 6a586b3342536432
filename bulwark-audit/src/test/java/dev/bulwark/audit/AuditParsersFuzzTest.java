package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.List;

/**
 * Fuzzes the scanner's parsers of untrusted input: any text as a Java, Python, YAML, properties,
 * JSON, .env, shell or plain file (the Java parser, the Python tokenizer, the secret rules and the
 * inline-suppression reader), a {@code .gitignore} of the scanned repository, and a baseline file.
 * {@link Scanner#scanText} and {@link GitIgnore} document no exception; {@link Baseline#parse}
 * documents only {@link IOException}.
 */
class AuditParsersFuzzTest {
  private static final List<String> NAMES =
      List.of("A.java", "a.py", "a.yml", "a.properties", "a.json", ".env", "a.sh", "a.txt", "script");
  private static final Scanner SCANNER = Scanner.defaults().withThreads(1);

  @FuzzTest
  void parsers_neverThrowButTheDocumentedException(FuzzedDataProvider data) {
    int target = data.consumeInt(0, NAMES.size() + 1);
    String text = data.consumeRemainingAsString();
    if (target < NAMES.size()) {
      String name = NAMES.get(target);
      int lines = text.split("\n", -1).length;
      for (Finding f : SCANNER.scanText(name, text)) {
        assertThat(f.path()).isEqualTo(name);
        assertThat(f.line()).isBetween(1, lines);
        assertThat(f.column()).isPositive();
        assertThat(f.fingerprint()).matches("[0-9a-f]{32}");
      }
    } else if (target == NAMES.size()) {
      GitIgnore ignore = GitIgnore.parse(text);
      ignore.ignores("src/main/java/A.java", false);
      ignore.ignores("target", true);
    } else {
      try {
        Baseline baseline = Baseline.parse(text);
        // What parses must write back to a file that parses to the same entries.
        assertThat(Baseline.parse(baseline.write()).entries()).isEqualTo(baseline.entries());
      } catch (IOException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }
}
