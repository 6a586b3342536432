package dev.bulwark.cli.channel;

import dev.bulwark.channel.StreamHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Runs one process per stream for {@code serve --exec}: an absolute executable path and an argument
 * list (no shell, so nothing a client sends is ever parsed as a command line), an environment
 * emptied but for a fixed {@code PATH}, stderr discarded. A process that exits non-zero resets the
 * stream. (guard's SafeExec will replace this once it lands.)
 */
final class ExecHandler {
  private ExecHandler() {}

  static StreamHandler of(List<String> command, CommandLine commandLine) {
    if (command.isEmpty() || !Path.of(command.get(0)).isAbsolute()) {
      throw new ParameterException(commandLine, "--exec needs an absolute path to the program");
    }
    List<String> fixed = List.copyOf(command);
    return stream -> {
      ProcessBuilder builder = new ProcessBuilder(fixed);
      builder.environment().clear();
      builder.environment().put("PATH", "/usr/bin:/bin");
      builder.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process process = builder.start();
      Thread feeder = Thread.ofVirtual().start(() -> {
        try (OutputStream toProcess = process.getOutputStream()) {
          stream.inputStream().transferTo(toProcess);
        } catch (IOException e) {
          process.destroy();
        }
      });
      try {
        process.getInputStream().transferTo(stream.outputStream());
        int exit = process.waitFor();
        feeder.join();
        if (exit != 0) {
          throw new IOException("command exited with " + exit);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      } finally {
        process.destroyForcibly();
      }
    };
  }
}
