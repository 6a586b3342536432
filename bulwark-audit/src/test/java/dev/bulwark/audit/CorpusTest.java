package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.audit.Corpus.Expectation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recall and false positives per rule on the planted corpus: 100% recall, zero false positives. */
class CorpusTest {
  private static final class Row {
    int planted;
    int found;
    int lookAlikes;
    int falsePositives;
  }

  @Test
  void corpus_everyPlantedFindingFound_noLookAlikeReported(@TempDir Path dir) throws Exception {
    List<Expectation> expectations = Corpus.materialise(dir);
    ScanResult result = Scanner.defaults().scan(List.of(dir), ScanListener.NONE);
    String prefix = dir.normalize().toString().replace('\\', '/') + "/";

    Map<String, Row> table = new TreeMap<>();
    Rules.ALL.forEach(rule -> table.put(rule.id(), new Row()));
    List<String> missed = new ArrayList<>();
    for (Expectation e : expectations) {
      Row row = table.get(e.ruleId());
      assertThat(row).as("rule %s in expected.tsv", e.ruleId()).isNotNull();
      if (!e.planted()) {
        row.lookAlikes++;
        continue;
      }
      row.planted++;
      boolean found = result.findings().stream().anyMatch(f -> matches(f, prefix, e));
      if (found) {
        row.found++;
      } else {
        missed.add(e.path() + ":" + e.line() + " " + e.ruleId());
      }
    }
    List<String> falsePositives = new ArrayList<>();
    for (Finding f : result.findings()) {
      boolean expected = expectations.stream().anyMatch(e -> e.planted() && matches(f, prefix, e));
      if (!expected) {
        table.get(f.rule().id()).falsePositives++;
        falsePositives.add(f.path().substring(prefix.length()) + ":" + f.line() + " " + f.rule().id() + " " + f.excerpt());
      }
    }

    StringBuilder out = new StringBuilder("[corpus] rule            planted found recall  look-alikes false-positives\n");
    table.forEach((id, row) -> {
      if (row.planted + row.lookAlikes + row.falsePositives > 0) {
        out.append(String.format(Locale.ROOT, "[corpus] %-15s %7d %5d %6.1f%% %11d %15d%n",
            id, row.planted, row.found, row.planted == 0 ? 100.0 : 100.0 * row.found / row.planted, row.lookAlikes, row.falsePositives));
      }
    });
    System.out.print(out);

    assertThat(missed).as("planted findings not reported").isEmpty();
    assertThat(falsePositives).as("findings that were not planted").isEmpty();
    // Every detection rule has at least one planted case and one look-alike.
    for (Rule rule : Rules.ALL) {
      if (rule != Rules.SUPPRESSION_WITHOUT_REASON) {
        assertThat(table.get(rule.id()).planted).as("planted cases for %s", rule.id()).isPositive();
        assertThat(table.get(rule.id()).lookAlikes).as("look-alikes for %s", rule.id()).isPositive();
      }
    }
  }

  private static boolean matches(Finding f, String prefix, Expectation e) {
    return f.path().equals(prefix + e.path()) && f.line() == e.line() && f.rule().id().equals(e.ruleId());
  }
}
