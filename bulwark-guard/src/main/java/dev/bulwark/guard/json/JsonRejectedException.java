package dev.bulwark.guard.json;

import dev.bulwark.guard.GuardException;
import java.io.Serial;

/**
 * A JSON document was refused: malformed, over a {@link dev.bulwark.guard.Limits} bound, a
 * duplicate key, an unknown property, trailing data, or a type not allowlisted. The message names
 * the reason and position, never the document's content; it carries no cause, because the
 * parser's own messages quote input.
 */
public final class JsonRejectedException extends GuardException {
  @Serial private static final long serialVersionUID = 1L;

  /** @param message why, without the document's content */
  public JsonRejectedException(String message) {
    super(message);
  }

}
