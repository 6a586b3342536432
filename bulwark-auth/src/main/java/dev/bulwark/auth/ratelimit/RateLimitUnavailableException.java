package dev.bulwark.auth.ratelimit;

import java.io.Serial;

/**
 * The rate-limit store could not be reached or answered badly. Not an expected outcome (that is
 * {@link RateLimitDecision.Limited}): treat it as a server error and refuse the request, never as
 * "allowed".
 */
public final class RateLimitUnavailableException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, without key text
   * @param cause the store's failure
   */
  public RateLimitUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
