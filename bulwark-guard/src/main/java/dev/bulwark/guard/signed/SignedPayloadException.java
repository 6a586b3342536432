package dev.bulwark.guard.signed;

import dev.bulwark.guard.GuardException;
import java.io.Serial;

/**
 * A signed payload was refused: malformed, too long, an unknown key id, a tag that does not verify
 * (tampered, truncated, wrong key, moved to another key id), or a verified body that is not the
 * expected JSON. The message never contains the payload or any key material.
 */
public final class SignedPayloadException extends GuardException {
  @Serial private static final long serialVersionUID = 1L;

  /** @param message why, without the payload */
  public SignedPayloadException(String message) {
    super(message);
  }
}
