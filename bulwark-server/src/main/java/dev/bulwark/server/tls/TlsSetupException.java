package dev.bulwark.server.tls;

import java.io.Serial;

/**
 * The TLS certificate or key could not be made, read or used. The message names the file setting
 * and the problem, never key material. Start-up stops on it.
 */
public final class TlsSetupException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /** @param message what failed, naming the setting or file role */
  public TlsSetupException(String message) {
    super(message);
  }

  /** @param message what failed; {@code cause} stays for the operator's log */
  public TlsSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
