package dev.bulwark.audit;

import java.util.List;

/**
 * What a scan found, in report order ({@link Finding#ORDER}), and what it read and skipped.
 *
 * @param findings every finding not suppressed inline, sorted
 * @param filesScanned text files scanned
 * @param skippedBinary files skipped for a NUL byte in their first 8 KiB
 * @param skippedTooLarge files skipped for being over the size bound
 * @param javaParseFallbacks Java files JavaParser could not parse: only the token-based secret rules ran on them
 * @param suppressedInline findings suppressed by a {@code bulwark:ignore} comment with a reason
 */
public record ScanResult(
    List<Finding> findings, int filesScanned, int skippedBinary, int skippedTooLarge, List<String> javaParseFallbacks, int suppressedInline) {
  /** Copies the lists. */
  public ScanResult {
    findings = List.copyOf(findings);
    javaParseFallbacks = List.copyOf(javaParseFallbacks);
  }
}
