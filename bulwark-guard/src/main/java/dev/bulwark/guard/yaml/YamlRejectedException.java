package dev.bulwark.guard.yaml;

import dev.bulwark.guard.GuardException;
import java.io.Serial;

/**
 * A YAML stream was refused: malformed, over a {@link dev.bulwark.guard.Limits} bound (size,
 * nesting, aliases, expanded size, documents, entries), duplicate or recursive keys, or not valid
 * UTF-8. The message names the bound or the position, never the content, and carries no cause,
 * because the parser's own messages quote the input around the error.
 */
public final class YamlRejectedException extends GuardException {
  @Serial private static final long serialVersionUID = 1L;

  /** @param message why, without the stream's content */
  public YamlRejectedException(String message) {
    super(message);
  }
}
