package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project passes its own audit (issue 8): the repository root, scanned as {@code bulwark audit
 * .} scans it (root {@code .gitignore} honoured, so build output is not read), has no finding that
 * the committed baseline {@value #BASELINE} does not list, and every baseline entry says why it is
 * accepted. How to update the baseline: docs/audit.md, "The project's own audit".
 */
class SelfAuditTest {
  static final String BASELINE = "audit-baseline.json";
  private static final String UPDATE =
      "./bulwark audit --baseline " + BASELINE + " --update-baseline . (from the repository root), then write each empty \"reason\"";

  private static final Path ROOT = Path.of(System.getProperty("bulwark.root", "..")).toAbsolutePath().normalize();
  private static ScanResult result;

  @BeforeAll
  static void scanTheRepository() throws Exception {
    result = Scanner.defaults().scanTree(ROOT, ScanListener.NONE);
  }

  @Test
  void repository_hasNoFindingOutsideTheReasonedBaseline() throws Exception {
    Path baselineFile = ROOT.resolve(BASELINE);
    assertThat(baselineFile).as("the committed baseline at the repository root").isRegularFile();
    Baseline baseline = Baseline.parse(Files.readString(baselineFile, StandardCharsets.UTF_8));

    List<String> fresh = baseline.filter(result.findings()).stream()
        .map(f -> f.path() + ":" + f.line() + ":" + f.column() + " " + f.rule().id() + " " + f.excerpt())
        .toList();
    assertThat(fresh)
        .as("findings not in %s: fix them, or suppress a deliberate one inline (bulwark:ignore RULE-ID reason), or run %s", BASELINE, UPDATE)
        .isEmpty();

    List<String> unreasoned = baseline.entries().stream()
        .filter(e -> e.reason().strip().split("\\s+").length < 3)
        .map(e -> e.path() + " " + e.rule() + " " + e.fingerprint())
        .toList();
    assertThat(unreasoned).as("baseline entries need a reason of at least three words saying why the finding is accepted").isEmpty();

    Set<String> current = result.findings().stream().map(Finding::fingerprint).collect(Collectors.toSet());
    List<String> stale = baseline.entries().stream()
        .filter(e -> !current.contains(e.fingerprint()))
        .map(e -> e.path() + " " + e.rule() + " " + e.fingerprint())
        .toList();
    assertThat(stale).as("baseline entries no longer found (remove them, or run %s)", UPDATE).isEmpty();
  }

  @Test
  void selfAudit_seesTheTree_butNotBuildOutput() {
    // The corpus' planted findings are in the tree; their copies under target/ are ignored (.gitignore).
    assertThat(result.findings())
        .anySatisfy(f -> assertThat(f.path()).startsWith("bulwark-audit/src/test/resources/corpus/"))
        .noneSatisfy(f -> assertThat(f.path()).contains("/target/"))
        .allSatisfy(f -> assertThat(f.path()).doesNotStartWith("/").doesNotStartWith("./"));
    assertThat(result.filesScanned()).isGreaterThan(100);
  }
}
