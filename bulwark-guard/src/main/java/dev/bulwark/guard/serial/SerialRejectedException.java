package dev.bulwark.guard.serial;

import dev.bulwark.guard.GuardException;
import java.io.Serial;

/**
 * A serialized stream was refused: a class outside the allowlist, a bound of the {@link
 * dev.bulwark.guard.Limits} exceeded, an unexpected result type, or a malformed stream. The message
 * names the reason, never stream content.
 */
public final class SerialRejectedException extends GuardException {
  @Serial private static final long serialVersionUID = 1L;

  /** @param message why the stream was refused, without its content */
  public SerialRejectedException(String message) {
    super(message);
  }

  /**
   * @param message why the stream was refused, without its content
   * @param cause the JDK's exception
   */
  public SerialRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
