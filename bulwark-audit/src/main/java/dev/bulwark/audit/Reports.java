package dev.bulwark.audit;

import dev.bulwark.crypto.internal.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report formats: text for people, JSON for scripts, SARIF 2.1.0 for code-scanning services. */
public final class Reports {
  /** The SARIF 2.1.0 schema GitHub code scanning validates against. */
  public static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  /** The partial fingerprint key under which the baseline fingerprint appears in SARIF. */
  public static final String PARTIAL_FINGERPRINT_NAME = "bulwarkFingerprint/v1";

  private Reports() {}

  /** One finding per line with its fix hint below, then a summary line. */
  public static String text(List<Finding> findings, int filesScanned) {
    StringBuilder out = new StringBuilder();
    for (Finding f : findings) {
      out.append(f.path()).append(':').append(f.line()).append(':').append(f.column()).append(": ")
          .append(f.rule().severity()).append(' ').append(f.rule().id()).append(' ').append(f.rule().title())
          .append(": ").append(oneLine(f.excerpt())).append('\n')
          .append("    fix: ").append(f.rule().fix()).append('\n');
    }
    Map<Severity, Integer> counts = new LinkedHashMap<>();
    for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
      counts.put(severity, 0);
    }
    findings.forEach(f -> counts.merge(f.rule().severity(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((severity, count) -> {
      if (count > 0) {
        parts.add(count + " " + Ascii.lower(severity.name()));
      }
    });
    out.append(findings.size()).append(findings.size() == 1 ? " finding" : " findings")
        .append(parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")")
        .append(" in ").append(filesScanned).append(filesScanned == 1 ? " file" : " files").append(" scanned\n");
    return out.toString();
  }

  /** {@code {"findings":[{rule, severity, cwe, path, line, column, excerpt, fingerprint, fix}], "filesScanned": n}}. */
  public static String json(List<Finding> findings, int filesScanned) {
    List<Object> list = new ArrayList<>();
    for (Finding f : findings) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("rule", f.rule().id());
      map.put("title", f.rule().title());
      map.put("severity", f.rule().severity().name());
      map.put("cwe", "CWE-" + f.rule().cwe());
      map.put("path", f.path());
      map.put("line", f.line());
      map.put("column", f.column());
      map.put("excerpt", f.excerpt());
      map.put("fingerprint", f.fingerprint());
      map.put("fix", f.rule().fix());
      list.add(map);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("findings", list);
    root.put("filesScanned", filesScanned);
    return Json.write(root) + "\n";
  }

  /** A SARIF 2.1.0 log with every rule in the driver and one result per finding. */
  public static String sarif(List<Finding> findings, String toolVersion) {
    List<Object> rules = new ArrayList<>();
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    for (Rule rule : Rules.ALL) {
      ruleIndex.put(rule.id(), rules.size());
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("security-severity", rule.severity().securitySeverity());
      properties.put("precision", "high");
      properties.put("tags", List.of("security", "external/cwe/cwe-" + rule.cwe()));
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("id", rule.id());
      map.put("name", rule.id().replace("-", ""));
      map.put("shortDescription", Map.of("text", rule.title()));
      map.put("fullDescription", Map.of("text", rule.title() + " (CWE-" + rule.cwe() + ")."));
      map.put("help", Map.of("text", rule.fix(), "markdown", "**Fix:** " + rule.fix() + "\n\nCWE-" + rule.cwe()));
      map.put("defaultConfiguration", Map.of("level", rule.severity().sarifLevel()));
      map.put("properties", properties);
      rules.add(map);
    }
    List<Object> results = new ArrayList<>();
    for (Finding f : findings) {
      Map<String, Object> region = new LinkedHashMap<>();
      region.put("startLine", f.line());
      region.put("startColumn", f.column());
      Map<String, Object> artifact = new LinkedHashMap<>();
      if (f.path().startsWith("/")) {
        artifact.put("uri", "file://" + uri(f.path())); // scanned by absolute path: no base
      } else {
        artifact.put("uri", uri(f.path()));
        artifact.put("uriBaseId", "%SRCROOT%");
      }
      Map<String, Object> physical = new LinkedHashMap<>();
      physical.put("artifactLocation", artifact);
      physical.put("region", region);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("ruleId", f.rule().id());
      result.put("ruleIndex", ruleIndex.get(f.rule().id()));
      result.put("level", f.rule().severity().sarifLevel());
      result.put("message", Map.of("text", f.rule().title() + ": " + oneLine(f.excerpt()) + ". " + f.rule().fix()));
      result.put("locations", List.of(Map.of("physicalLocation", physical)));
      result.put("partialFingerprints", Map.of(PARTIAL_FINGERPRINT_NAME, f.fingerprint()));
      results.add(result);
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "bulwark-audit");
    driver.put("version", toolVersion);
    driver.put("rules", rules);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    run.put("results", results);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", SARIF_SCHEMA);
    root.put("version", "2.1.0");
    root.put("runs", List.of(run));
    return Json.write(root) + "\n";
  }

  private static String uri(String path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c > 0x20 && c < 0x7f && c != '%' && c != '#' && c != '?' && c != '"') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return out.toString();
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n\\t]+", " ");
  }
}
