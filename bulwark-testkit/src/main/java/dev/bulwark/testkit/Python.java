package dev.bulwark.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Python 3 interpreter for interop tests against the reference implementations (PyCA
 * {@code cryptography}, argon2-cffi, PyJWT). Obtain one from {@link Requirements#python}.
 */
public final class Python {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private final String executable;

  Python(String executable) {
    this.executable = executable;
  }

  /** The interpreter's path or command name. */
  public String executable() {
    return executable;
  }

  boolean canRun(String script) {
    try {
      run(script, new byte[0]);
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  /**
   * Runs {@code script} with {@code stdin} and returns its standard output.
   *
   * @throws AssertionError when the script fails or times out, with its standard error
   */
  public byte[] run(String script, byte[] stdin) {
    Processes.Result result =
        Processes.run(
            List.of(executable, "-c", script), stdin, Map.of("PYTHONDONTWRITEBYTECODE", "1"), TIMEOUT);
    if (result.exitCode() != 0) {
      throw new AssertionError("python3 exited " + result.exitCode() + ": " + result.stderr());
    }
    return result.stdoutBytes();
  }

  /** {@link #run} with text in and out (UTF-8), trailing newline removed. */
  public String runText(String script, String stdin) {
    String out = new String(run(script, stdin.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
  }
}
