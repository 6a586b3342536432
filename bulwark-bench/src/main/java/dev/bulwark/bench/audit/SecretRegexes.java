package dev.bulwark.bench.audit;

import java.util.List;

/**
 * The secret-format regular expressions of bulwark-audit's SecretDetector (BWK-SECRET-001, 002,
 * 003 and 005 to 011), written in the syntax both ripgrep (Rust regex) and Java accept: the
 * scanner's look-around word boundaries become {@code \b}, which ripgrep supports and which accepts
 * a superset of the scanner's matches, so the comparison cannot flatter us. Not in the set:
 * BWK-SECRET-004 (needs an access key id within five lines) and BWK-SECRET-012 (needs a secret name
 * and an entropy test): no regular expression alone expresses them, but the scanner still runs
 * them during the timed scan.
 */
final class SecretRegexes {
  private SecretRegexes() {}

  static final List<String> RIPGREP = List.of(
      "\\bbwk_[0-9A-Za-z]{49}\\b",
      "-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----",
      "\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b",
      "\\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\\b",
      "\\bglpat-[A-Za-z0-9_\\-]{20}",
      "\\bxox[abposr]-[0-9]{6,}-[A-Za-z0-9\\-]{8,}",
      "\\b[sr]k_live_[A-Za-z0-9]{20,}\\b",
      "\\bAIza[0-9A-Za-z_\\-]{35}",
      "\\beyJ[A-Za-z0-9_\\-]{4,}\\.[A-Za-z0-9_\\-]{4,}\\.[A-Za-z0-9_\\-]{16,}",
      "(?i)(?:jdbc:)?(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|sqlserver|oracle|mssql)"
          + "://[^:/\\s@\"'`]+:[^@/\\s\"'`]+@[^\\s\"'`/]+");
}
