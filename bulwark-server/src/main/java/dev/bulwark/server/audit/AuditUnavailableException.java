package dev.bulwark.server.audit;

import java.io.Serial;

/**
 * The audit trail could not durably record an event, or could not be opened or read. The operation
 * that needed auditing must be refused; the HTTP layer maps this (an unchecked exception like any
 * other unexpected failure) to a generic 500, so the cause reaches only the server log.
 */
public final class AuditUnavailableException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /** {@code operation} says what failed, never an event's content. */
  public AuditUnavailableException(String operation, Throwable cause) {
    super(operation + " failed", cause);
  }
}
