package dev.bulwark.guard.auditlog;

/**
 * The result of a successful {@link AuditLogVerifier#verify}: every record's MAC chained, every
 * checkpoint's signatures verified, and the log is at least as long as its signed head.
 *
 * @param records how many records the log holds
 * @param checkpoints how many signed checkpoints it holds
 * @param lastCheckpointSequence the last record a signed checkpoint covers (0 if none)
 * @param headChecked whether a signed head was available to detect truncation
 */
public record AuditVerification(long records, long checkpoints, long lastCheckpointSequence, boolean headChecked) {
  /**
   * Records after the last checkpoint: chained (any change is detected) but not yet signed, so a
   * cut that removes only them is not detectable. Non-zero after a crash; zero after a clean close.
   */
  public long uncheckpointedRecords() {
    return records - lastCheckpointSequence;
  }
}
