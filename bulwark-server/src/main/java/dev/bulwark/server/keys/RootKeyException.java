package dev.bulwark.server.keys;

import java.io.Serial;

/**
 * The root key or a key sealed under it could not be loaded. The message names the source and what
 * to do; it never holds key material. Start-up stops on it.
 */
public final class RootKeyException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /** @param message what is wrong with which source, without key material */
  public RootKeyException(String message) {
    super(message);
  }
}
