package dev.bulwark.guard.auditlog;

import java.io.Serial;
import java.util.Arrays;
import java.util.List;

/**
 * An event (or several, in a batch) would make a log line longer than the limit, so the whole
 * {@link AuditLog#appendAll} (or {@link AuditLog#append}) was refused before anything was written.
 * {@link #rejected()} says which positions of the batch were too large, so a caller that batches
 * for several requesters can fail only those and append the rest.
 */
public final class AuditEventTooLargeException extends IllegalArgumentException {
  @Serial private static final long serialVersionUID = 1L;

  private final int[] rejected;

  AuditEventTooLargeException(int maxLineChars, List<Integer> rejected) {
    super("audit event is longer than " + maxLineChars + " characters");
    this.rejected = rejected.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Indexes (from 0, ascending) of the events in the batch that were too large; never empty. */
  public List<Integer> rejected() {
    return Arrays.stream(rejected).boxed().toList();
  }
}
