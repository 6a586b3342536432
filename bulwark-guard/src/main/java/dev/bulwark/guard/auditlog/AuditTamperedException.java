package dev.bulwark.guard.auditlog;

import dev.bulwark.guard.GuardException;
import java.io.Serial;

/**
 * {@link AuditLogVerifier} found the log altered. {@link #kind()} says how, {@link #lineNumber()}
 * where (1-based; 0 when the finding concerns the whole file, such as truncation), and {@link
 * #sequence()} which record was expected there.
 */
public final class AuditTamperedException extends GuardException {
  @Serial private static final long serialVersionUID = 1L;

  /** How the log was altered. */
  public enum Kind {
    /** A record's content was changed (its MAC does not verify, its position is right). */
    MODIFIED,
    /** One or more records are missing before this line. */
    DELETED,
    /** A record that does not belong was inserted (a forged or replayed record). */
    INSERTED,
    /** Records appear out of order. */
    REORDERED,
    /** The log ends before the record the signed head covers. */
    TRUNCATED,
    /** A checkpoint's signature does not verify or it does not match the chain. */
    BAD_CHECKPOINT,
    /** A line is not in the log format, or is incomplete (a torn write). */
    MALFORMED
  }

  private final Kind kind;
  private final long lineNumber;
  private final long sequence;

  AuditTamperedException(Kind kind, long lineNumber, long sequence, String detail) {
    super("audit log " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + (lineNumber > 0 ? " at line " + lineNumber : "") + " (expected record " + sequence + "): " + detail);
    this.kind = kind;
    this.lineNumber = lineNumber;
    this.sequence = sequence;
  }

  /** How the log was altered. */
  public Kind kind() {
    return kind;
  }

  /** The 1-based line where it was found, or 0 for a whole-file finding. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The record sequence number expected at that point. */
  public long sequence() {
    return sequence;
  }
}
