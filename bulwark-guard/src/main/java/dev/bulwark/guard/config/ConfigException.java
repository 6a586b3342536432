package dev.bulwark.guard.config;

import dev.bulwark.guard.GuardException;
import java.io.Serial;
import java.util.Objects;

/**
 * The encrypted configuration store refused a file, a key or an operation. {@link #reason()} says
 * which kind, so a caller (the CLI) can tell "the file was modified" from "there is no such file".
 * Messages name files and value names, never a value or key material.
 */
public final class ConfigException extends GuardException {
  @Serial private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Reason {
    /** No master key where one was expected, or not 32 bytes of base64. */
    INVALID_MASTER_KEY,
    /** The configuration file does not exist. */
    NO_SUCH_FILE,
    /** {@code create} found a file already there. */
    ALREADY_EXISTS,
    /** {@code require} found no value of that name. */
    NO_SUCH_VALUE,
    /** The file is not in the store's format, or over a limit. */
    MALFORMED,
    /** Authentication failed: the file was modified, or the master key is not the one it was made with. */
    TAMPERED,
    /** Reading or writing the file failed. */
    IO
  }

  private final Reason reason;

  ConfigException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  ConfigException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The kind of failure. */
  public Reason reason() {
    return reason;
  }
}
