package dev.bulwark.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a program as a separate process, as a user's shell would, for tests that drive tools. */
public final class Processes {
  private Processes() {}

  /** What a finished process left behind. */
  public record Result(int exitCode, byte[] stdoutBytes, byte[] stderrBytes) {
    /** Standard output as UTF-8. */
    public String stdout() {
      return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    /** Standard error as UTF-8. */
    public String stderr() {
      return new String(stderrBytes, StandardCharsets.UTF_8);
    }
  }

  /**
   * Runs {@code command} with {@code stdin}, extra environment variables, and a time limit.
   *
   * @throws AssertionError if it does not finish in time (it is killed) or cannot start
   */
  public static Result run(List<String> command, byte[] stdin, Map<String, String> environment, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      CompletableFuture<byte[]> out = drain(process.getInputStream());
      CompletableFuture<byte[]> err = drain(process.getErrorStream());
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin);
      } catch (IOException closedEarly) {
        // The program exited without reading all of its input; its output still tells the story.
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command.getFirst() + " did not finish within " + timeout);
      }
      return new Result(process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new AssertionError("cannot start " + command.getFirst() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
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
