package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.crypto.internal.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportsTest {
  private final List<Finding> findings =
      Scanner.defaults().scanText("src/Main.java", "class Main { Object f() throws Exception { return javax.crypto.Cipher.getInstance(\"AES\"); } }\n");

  @Test
  void sarif_hasTheFieldsGitHubCodeScanningRequires() throws Exception {
    assertThat(findings).hasSize(1);
    Map<String, Object> log = Json.parseObject(Reports.sarif(findings, "0.1.0"));
    assertThat(log.get("$schema")).isEqualTo(Reports.SARIF_SCHEMA);
    assertThat(log.get("version")).isEqualTo("2.1.0");
    Map<?, ?> run = (Map<?, ?>) ((List<?>) log.get("runs")).getFirst();
    Map<?, ?> driver = (Map<?, ?>) ((Map<?, ?>) run.get("tool")).get("driver");
    List<?> rules = (List<?>) driver.get("rules");
    assertThat(rules).hasSize(Rules.ALL.size());
    for (Object item : rules) {
      Map<?, ?> rule = (Map<?, ?>) item;
      assertThat((String) rule.get("id")).matches("BWK-[A-Z]+-[0-9]{3}");
      assertThat(((Map<?, ?>) rule.get("help")).get("text")).isNotNull();
      assertThat((String) ((Map<?, ?>) rule.get("properties")).get("security-severity")).matches("[0-9]+\\.[0-9]");
    }
    Map<?, ?> result = (Map<?, ?>) ((List<?>) run.get("results")).getFirst();
    assertThat(result.get("ruleId")).isEqualTo("BWK-JAVA-009");
    assertThat(result.get("level")).isEqualTo("error");
    Map<?, ?> physical = (Map<?, ?>) ((Map<?, ?>) ((List<?>) result.get("locations")).getFirst()).get("physicalLocation");
    assertThat(((Map<?, ?>) physical.get("artifactLocation")).get("uri")).isEqualTo("src/Main.java");
    assertThat(((Number) ((Map<?, ?>) physical.get("region")).get("startLine")).intValue()).isEqualTo(1);
    assertThat(((Map<?, ?>) result.get("partialFingerprints")).get(Reports.PARTIAL_FINGERPRINT_NAME)).isEqualTo(findings.getFirst().fingerprint());
    Map<?, ?> rule = (Map<?, ?>) rules.get(((Number) result.get("ruleIndex")).intValue());
    assertThat(rule.get("id")).isEqualTo("BWK-JAVA-009");
  }

  @Test
  void sarif_relativePathsUseTheSourceRoot_absoluteOnesAFileUri() {
    Finding relative = findings.getFirst();
    Finding absolute = new Finding(relative.rule(), "/work/a b.java", 1, 1, "x", relative.fingerprint());
    String sarif = Reports.sarif(List.of(relative, absolute), "0.1.0");
    assertThat(sarif).contains("{\"uri\":\"src/Main.java\",\"uriBaseId\":\"%SRCROOT%\"}");
    assertThat(sarif).contains("{\"uri\":\"file:///work/a%20b.java\"}");
  }

  @Test
  void json_andText_listEveryFindingWithItsFix() throws Exception {
    Map<String, Object> json = Json.parseObject(Reports.json(findings, 3));
    Map<?, ?> first = (Map<?, ?>) ((List<?>) json.get("findings")).getFirst();
    assertThat(first.get("rule")).isEqualTo("BWK-JAVA-009");
    assertThat(first.get("cwe")).isEqualTo("CWE-327");
    assertThat(((Number) json.get("filesScanned")).intValue()).isEqualTo(3);
    String text = Reports.text(findings, 3);
    assertThat(text).startsWith("src/Main.java:1:").contains("HIGH BWK-JAVA-009", "fix: Use AES/GCM").endsWith("1 finding (1 high) in 3 files scanned\n");
    assertThat(Reports.text(List.of(), 0)).isEqualTo("0 findings in 0 files scanned\n");
  }
}
