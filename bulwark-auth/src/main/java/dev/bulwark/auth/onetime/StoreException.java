package dev.bulwark.auth.onetime;

import java.io.Serial;

/**
 * A credential store (one-time tokens, API keys) failed: the database is unreachable, a table is
 * missing, the in-memory store is full. Unchecked because callers cannot repair it; treat it as a
 * server error and refuse the request (fail closed). The message never holds a token or a hash.
 */
public final class StoreException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /** @param message what failed, without secret material */
  public StoreException(String message) {
    super(message);
  }

  /**
   * @param message what failed, without secret material
   * @param cause the driver's failure
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
