package dev.bulwark.server.mail;

import java.io.Serial;

/**
 * A mail could not be handed over (SMTP refused or unreachable, STARTTLS unavailable, the outbox
 * not writable). Unchecked: the caller cannot repair it; the HTTP layer maps it to a generic 500.
 * The message names the step, never the recipient or the body.
 */
public final class MailDeliveryException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /** @param step what failed, e.g. "writing to the outbox" */
  public MailDeliveryException(String step, Throwable cause) {
    super(step + " failed", cause);
  }
}
