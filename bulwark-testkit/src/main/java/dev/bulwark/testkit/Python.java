package dev.bulwark.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A Python 3 interpreter for interop tests against the reference implementations (PyCA
 * {@code cryptography}, argon2-cffi, PyJWT). Obtain one from {@link Requirements#python}.
 */
public final class Python {
  private static final long TIMEOUT_SECONDS = 120;
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
    } catch (UncheckedIOException | AssertionError e) {
      return false;
    }
  }

  /**
   * Runs {@code script} with {@code stdin} and returns its standard output.
   *
   * @throws AssertionError when the script fails or times out, with its standard error
   */
  public byte[] run(String script, byte[] stdin) {
    ProcessBuilder builder = new ProcessBuilder(executable, "-c", script);
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    try {
      Process process = builder.start();
      CompletableFuture<byte[]> out = drain(process.getInputStream());
      CompletableFuture<byte[]> err = drain(process.getErrorStream());
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin);
      }
      if (!Requirements.waitFor(process, TIMEOUT_SECONDS)) {
        throw new AssertionError("python3 timed out after " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "python3 exited " + process.exitValue() + ": " + new String(err.join(), StandardCharsets.UTF_8));
      }
      return out.join();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** {@link #run} with text in and out (UTF-8), trailing newline removed. */
  public String runText(String script, String stdin) {
    String out = new String(run(script, stdin.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
  }

  private static CompletableFuture<byte[]> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            stream.transferTo(buffer);
            return buffer.toByteArray();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
