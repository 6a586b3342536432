package dev.bulwark.crypto;

import java.io.Serial;

/**
 * The one checked exception of {@code bulwark-crypto}: input was rejected (tampered, truncated,
 * malformed, expired, made with another key) or an operation failed.
 *
 * <p>Messages name what was wrong with the input's shape, never its content: no key material, no
 * plaintext, no token is ever part of a message.
 */
public class CryptoException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  /** @param message what was rejected; must not contain secret material */
  public CryptoException(String message) {
    super(message);
  }

  /**
   * @param message what was rejected; must not contain secret material
   * @param cause the underlying provider failure
   */
  public CryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}
