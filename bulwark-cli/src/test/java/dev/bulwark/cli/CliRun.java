package dev.bulwark.cli;

import dev.bulwark.testkit.Processes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One run of the CLI, in this JVM or as a separate process, with what it printed. */
record CliRun(int exitCode, String stdout, String stderr) {
  static CliRun inProcess(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Runs {@code java dev.bulwark.cli.Main args} on this test's class path, as a user's shell would. */
  static CliRun asProcess(String... args) {
    return asProcess(new byte[0], args);
  }

  static CliRun asProcess(byte[] stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    Processes.Result result = Processes.run(command, stdin, Map.of(), Duration.ofSeconds(60));
    return new CliRun(result.exitCode(), result.stdout(), result.stderr());
  }
}
