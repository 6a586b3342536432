package dev.bulwark.audit;

/**
 * Stable finding fingerprints for baselines: {@code sha256(ruleId NUL path NUL normalised)} in hex,
 * first 32 digits, where {@code normalised} is the matched content with every run of whitespace
 * removed. The line number is not part of it, so a finding keeps its fingerprint when code above it
 * moves; the matched content is, so a changed secret is a new finding.
 */
public final class Fingerprints {
  private Fingerprints() {}

  /** The fingerprint of a match of {@code ruleId} in {@code path}. */
  public static String of(String ruleId, String path, String matched) {
    String normalised = matched.replaceAll("\\s+", "");
    return Redaction.sha256Hex(ruleId + '\0' + path + '\0' + normalised).substring(0, 32);
  }
}
