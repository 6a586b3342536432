package dev.bulwark.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Entry point of the {@code bulwark} command. Exit codes (DESIGN.md §6): {@value #OK} success,
 * {@value #NEGATIVE} a negative answer (verification failed, findings present), {@value #USAGE} usage
 * or input error, always with one clear line on stderr and no stack trace unless {@code --debug}.
 */
public final class Main {
  /** Success. */
  public static final int OK = 0;

  /** A negative answer: verification failed, findings present. */
  public static final int NEGATIVE = 1;

  /** A usage or input error. */
  public static final int USAGE = 2;

  private Main() {}

  /** Runs the command and exits the JVM with its exit code. */
  public static void main(String[] args) {
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, System.in, System.out, err);
    System.out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the command with the given streams; the JVM keeps running.
   *
   * @return the exit code
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    // Text-only callers: empty stdin, and bytes a command writes with Stdio.writeOut decoded as UTF-8.
    OutputStream bytesAsText =
        new ByteArrayOutputStream() {
          @Override
          public synchronized void flush() {
            out.write(toString(StandardCharsets.UTF_8));
            out.flush();
            reset();
          }
        };
    return run(args, new Stdio(InputStream.nullInputStream(), bytesAsText), out, err);
  }

  /**
   * Runs the command with raw standard streams (commands that read or write bytes use {@link
   * Stdio}); the JVM keeps running.
   *
   * @return the exit code
   */
  public static int run(String[] args, InputStream stdin, OutputStream stdout, PrintWriter err) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
    return run(args, new Stdio(stdin, stdout), out, err);
  }

  private static int run(String[] args, Stdio stdio, PrintWriter out, PrintWriter err) {
    boolean debug = Arrays.asList(args).contains("--debug");
    CommandLine commandLine = new CommandLine(new BulwarkCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExitCodeExceptionMapper(exception -> USAGE);
    commandLine.setParameterExceptionHandler(
        (ParameterException e, String[] ignored) -> {
          err.println(prefix(e.getCommandLine()) + ": " + oneLine(e.getMessage()));
          if (debug) {
            e.printStackTrace(err);
          }
          return USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (Exception e, CommandLine failed, CommandLine.ParseResult ignored) -> {
          if (e instanceof CliException cli) {
            err.println(prefix(failed) + ": " + oneLine(cli.getMessage()));
            if (debug) {
              e.printStackTrace(err);
            }
            return cli.exitCode();
          }
          err.println(
              prefix(failed)
                  + ": internal error ("
                  + e.getClass().getSimpleName()
                  + "); run again with --debug for details");
          if (debug) {
            e.printStackTrace(err);
          }
          return USAGE;
        });
    int code = ScopedValue.where(Stdio.CURRENT, stdio).call(() -> commandLine.execute(args));
    out.flush();
    try {
      stdio.flushOut();
    } catch (java.io.IOException e) {
      err.println("bulwark: cannot write to stdout");
      return USAGE;
    }
    err.flush();
    return code;
  }

  private static String prefix(CommandLine commandLine) {
    return commandLine.getCommandSpec().qualifiedName();
  }

  /** Collapses a message to one line, so no input can forge extra lines on a terminal or in a log. */
  static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "failed";
    }
    return message.replaceAll("[\\r\\n\\t\\p{Cntrl}]+", " ").strip();
  }
}
