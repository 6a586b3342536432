package dev.bulwark.guard.auditlog;

import dev.bulwark.guard.GuardException;
import java.io.Serial;

/**
 * An {@link AuditLog} could not durably record an event (disk full, I/O error, closed, or failed
 * earlier). The operation that needed auditing must be refused: the log never drops a record
 * silently, and after one failure it refuses every later append until it is reopened.
 */
public final class AuditWriteException extends GuardException {
  @Serial private static final long serialVersionUID = 1L;

  AuditWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
