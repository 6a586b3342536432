package dev.bulwark.guard.files;

import dev.bulwark.guard.GuardException;
import java.io.Serial;

/**
 * A user-supplied file name was refused by {@link SafePaths}. The message names the rule that
 * refused it (absolute, traversal, look-alike character, symlink escape...), never the name itself:
 * a traversal payload must not travel on into a log through an exception message.
 */
public final class UnsafePathException extends GuardException {
  @Serial private static final long serialVersionUID = 1L;

  /** @param reason which rule refused the name; must not contain the name */
  public UnsafePathException(String reason) {
    super(reason);
  }
}
