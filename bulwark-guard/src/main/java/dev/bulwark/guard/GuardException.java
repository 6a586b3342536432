package dev.bulwark.guard;

import java.io.Serial;

/**
 * The checked exception of {@code bulwark-guard}: untrusted input was rejected (malformed, over a
 * {@link Limits limit}, tampered, not allowed) or a guarded operation failed closed.
 *
 * <p>Subpackages throw subclasses named for what they guard, so callers can catch one type for
 * "the input was refused" and still tell the cases apart. Messages say what was wrong with the
 * input's shape (which limit, which position), never its content: a rejected value may be a
 * secret or an attack payload, and it must not reach a log through an exception message.
 */
public class GuardException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  /** @param message what was rejected and why; must not contain the rejected value */
  public GuardException(String message) {
    super(message);
  }

  /**
   * @param message what was rejected and why; must not contain the rejected value
   * @param cause the underlying failure (a parser's exception, an I/O error)
   */
  public GuardException(String message, Throwable cause) {
    super(message, cause);
  }
}
