package dev.bulwark.guard.exec;

import java.nio.charset.StandardCharsets;

/**
 * The outcome of a program {@link SafeExec} ran to completion. A non-zero exit code is a result, not
 * an exception: the caller decides what it means.
 *
 * @param exitCode the process exit code
 * @param stdout everything the program wrote to standard output (within the bound)
 * @param stderr everything the program wrote to standard error (within the bound)
 */
public record ExecResult(int exitCode, byte[] stdout, byte[] stderr) {
  public ExecResult {
    stdout = stdout.clone();
    stderr = stderr.clone();
  }

  @Override
  public byte[] stdout() {
    return stdout.clone();
  }

  @Override
  public byte[] stderr() {
    return stderr.clone();
  }

  /** Standard output decoded as UTF-8. */
  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  /** Standard error decoded as UTF-8. */
  public String stderrText() {
    return new String(stderr, StandardCharsets.UTF_8);
  }
}
