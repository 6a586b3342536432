package dev.bulwark.guard.exec;

import dev.bulwark.guard.GuardException;
import java.io.Serial;

/**
 * {@link SafeExec} refused to run a program or stopped it: not on the allowlist, timed out, or
 * produced more output than allowed. The message names the rule, never the arguments (they may
 * carry user input).
 */
public final class ExecException extends GuardException {
  @Serial private static final long serialVersionUID = 1L;

  /** @param message which rule stopped the run; must not contain arguments */
  public ExecException(String message) {
    super(message);
  }

  /** @param message which rule stopped the run; @param cause the underlying failure */
  public ExecException(String message, Throwable cause) {
    super(message, cause);
  }
}
