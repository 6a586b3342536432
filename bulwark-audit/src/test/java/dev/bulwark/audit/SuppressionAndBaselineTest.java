package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SuppressionAndBaselineTest {
  private static final String MARK = "bulwark" + ":ignore";
  private final String token = "ghp_" + Corpus.random(new SplittableRandom(3), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789", 36);

  private static List<String> ids(List<Finding> findings) {
    return findings.stream().map(f -> f.rule().id()).toList();
  }

  @Test
  void suppressionWithReason_onTheLineOrTheLineAbove_suppresses() {
    String sameLine = "a = \"" + token + "\" // " + MARK + " BWK-SECRET-005 revoked token kept as a regression sample\n";
    String lineAbove = "# " + MARK + " BWK-SECRET-005 revoked, see ticket 12\nb = " + token + "\n";
    assertThat(Scanner.defaults().scanText("a.java.txt", sameLine)).isEmpty();
    assertThat(Scanner.defaults().scanText("b.txt", lineAbove)).isEmpty();
  }

  @Test
  void suppressionTwoLinesAbove_orForAnotherRule_doesNotSuppress() {
    String far = "# " + MARK + " BWK-SECRET-005 too far away\n\nb = " + token + "\n";
    String other = "b = " + token + " # " + MARK + " BWK-SECRET-012 wrong rule\n";
    assertThat(ids(Scanner.defaults().scanText("a.txt", far))).containsExactly("BWK-SECRET-005");
    assertThat(ids(Scanner.defaults().scanText("a.txt", other))).containsExactly("BWK-SECRET-005");
  }

  @Test
  void suppressionWithoutReason_isItselfAFinding_andSuppressesNothing() {
    String noReason = "b = " + token + " # " + MARK + " BWK-SECRET-005\n";
    String noReasonInBlockComment = "b = \"" + token + "\"; /* " + MARK + " BWK-SECRET-005 */\n";
    String unknownRule = "b = " + token + " # " + MARK + " BWK-NOPE-999 because\n";
    assertThat(ids(Scanner.defaults().scanText("a.txt", noReason))).containsExactly("BWK-SECRET-005", "BWK-AUDIT-001");
    assertThat(ids(Scanner.defaults().scanText("a.txt", noReasonInBlockComment))).containsExactly("BWK-SECRET-005", "BWK-AUDIT-001");
    assertThat(ids(Scanner.defaults().scanText("a.txt", unknownRule))).containsExactly("BWK-SECRET-005", "BWK-AUDIT-001");
  }

  @Test
  void proseMentioningTheMarker_isNeitherASuppressionNorAFinding() {
    String docs = "Write " + MARK + " RULE-ID reason on the line.\n * {@code " + MARK + "} comments\n";
    assertThat(Scanner.defaults().scanText("Doc.md", docs)).isEmpty();
    String bare = "x = 1 # " + MARK + "\n";
    assertThat(ids(Scanner.defaults().scanText("a.py", bare))).containsExactly("BWK-AUDIT-001");
  }

  @Test
  void fingerprint_ignoresLineMoves_butNotContentPathOrRule() {
    Finding before = Scanner.defaults().scanText("a.txt", "t = " + token + "\n").getFirst();
    Finding moved = Scanner.defaults().scanText("a.txt", "\n\n\n  t = " + token + "\n").getFirst();
    Finding otherFile = Scanner.defaults().scanText("b.txt", "t = " + token + "\n").getFirst();
    Finding otherToken = Scanner.defaults().scanText("a.txt", "t = " + token.replace('a', 'b').replace('c', 'd') + "\n").getFirst();
    assertThat(moved.line()).isNotEqualTo(before.line());
    assertThat(moved.fingerprint()).isEqualTo(before.fingerprint()).hasSize(32);
    assertThat(otherFile.fingerprint()).isNotEqualTo(before.fingerprint());
    assertThat(otherToken.fingerprint()).isNotEqualTo(before.fingerprint());
    assertThat(Fingerprints.of("BWK-SECRET-005", "a.txt", "x")).isNotEqualTo(Fingerprints.of("BWK-SECRET-012", "a.txt", "x"));
  }

  @Test
  void baseline_roundTrips_keepsReasons_andFiltersKnownFindings() throws IOException {
    List<Finding> first = Scanner.defaults().scanText("a.txt", "t = " + token + "\n");
    Baseline baseline = Baseline.empty().updatedWith(first);
    assertThat(baseline.entries()).singleElement().satisfies(e -> assertThat(e.reason()).isEmpty());

    String edited = baseline.write().replace("\"reason\":\"\"", "\"reason\":\"revoked sample\"");
    Baseline reviewed = Baseline.parse(edited);
    assertThat(reviewed.filter(first)).isEmpty();

    String otherToken = token.substring(0, 10) + "Q" + token.substring(11);
    List<Finding> second = Scanner.defaults().scanText("a.txt", "t = " + token + "\nu = " + otherToken + "\n");
    assertThat(reviewed.filter(second)).hasSize(1);
    Baseline updated = reviewed.updatedWith(second);
    assertThat(updated.entries()).extracting(Baseline.Entry::reason).containsExactlyInAnyOrder("revoked sample", "");
    assertThat(Baseline.parse(updated.write()).entries()).isEqualTo(updated.entries());
  }

  @Test
  void malformedBaseline_isRejected() {
    assertThatThrownBy(() -> Baseline.parse("{")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Baseline.parse("{\"version\":2,\"findings\":[]}")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Baseline.parse("{\"version\":1,\"findings\":[{\"rule\":\"x\"}]}")).isInstanceOf(IOException.class);
  }
}
