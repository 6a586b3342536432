package dev.bulwark.server.storage;

/**
 * The database failed or refused a statement. The message names the operation, never a value or the
 * SQL; the HTTP layer maps it to a generic 500 (or 503 when the database is unavailable), so no
 * driver text reaches a client.
 */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code operation} is a short phrase such as "reading a secret". */
  public StorageException(String operation, Throwable cause) {
    super(operation + " failed", cause);
  }
}
