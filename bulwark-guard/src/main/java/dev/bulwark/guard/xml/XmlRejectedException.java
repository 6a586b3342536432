package dev.bulwark.guard.xml;

import dev.bulwark.guard.GuardException;
import java.io.Serial;

/**
 * An XML document was refused: a DOCTYPE (and with it every entity, external or internal), a
 * bound of the {@link dev.bulwark.guard.Limits} exceeded, or malformed XML. The message names the
 * kind of failure and the position, never document content, and carries no cause, because the
 * parser's messages may quote entity names and URLs from the input.
 */
public final class XmlRejectedException extends GuardException {
  @Serial private static final long serialVersionUID = 1L;

  /** @param message why, without the document's content */
  public XmlRejectedException(String message) {
    super(message);
  }
}
