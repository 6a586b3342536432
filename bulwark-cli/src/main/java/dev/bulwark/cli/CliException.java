package dev.bulwark.cli;

import java.io.Serial;

/**
 * A failure a command reports as one line on stderr with a chosen exit code. Its message must never
 * contain a secret or the content of the input.
 */
public final class CliException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;
  private final int exitCode;

  private CliException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /** A usage or input error (exit {@value Main#USAGE}). */
  public static CliException usage(String message) {
    return new CliException(Main.USAGE, message);
  }

  /** A negative answer such as a failed verification (exit {@value Main#NEGATIVE}). */
  public static CliException negative(String message) {
    return new CliException(Main.NEGATIVE, message);
  }

  /** The process exit code for this failure. */
  public int exitCode() {
    return exitCode;
  }
}
