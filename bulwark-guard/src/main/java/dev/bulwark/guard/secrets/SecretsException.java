package dev.bulwark.guard.secrets;

import dev.bulwark.guard.GuardException;
import java.io.Serial;

/**
 * A secret source could not be read or refused its input: an unreadable or group/world-readable
 * {@code .env} file, a malformed line, a Vault error. Messages name the source, the secret's NAME and
 * the line or status, never a value or a token.
 */
public class SecretsException extends GuardException {
  @Serial private static final long serialVersionUID = 1L;

  /** @param message what failed; must not contain a secret */
  public SecretsException(String message) {
    super(message);
  }

  /**
   * @param message what failed; must not contain a secret
   * @param cause the underlying failure
   */
  public SecretsException(String message, Throwable cause) {
    super(message, cause);
  }
}
