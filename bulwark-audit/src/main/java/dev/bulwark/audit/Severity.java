package dev.bulwark.audit;

/**
 * How bad a finding is. Each level maps to a SARIF {@code level} and to the numeric {@code
 * security-severity} that GitHub code scanning uses to sort alerts (9.0 and above is critical).
 */
public enum Severity {
  LOW("note", "3.0"),
  MEDIUM("warning", "5.5"),
  HIGH("error", "8.0"),
  CRITICAL("error", "9.5");

  private final String sarifLevel;
  private final String securitySeverity;

  Severity(String sarifLevel, String securitySeverity) {
    this.sarifLevel = sarifLevel;
    this.securitySeverity = securitySeverity;
  }

  /** The SARIF 2.1.0 result level: {@code note}, {@code warning} or {@code error}. */
  public String sarifLevel() {
    return sarifLevel;
  }

  /** GitHub's {@code security-severity} score, a decimal in a string as GitHub expects. */
  public String securitySeverity() {
    return securitySeverity;
  }
}
