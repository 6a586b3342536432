package dev.bulwark.guard.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Runs external programs without a shell (CWE-78, OS command injection).
 *
 * <ul>
 *   <li>{@link ProcessBuilder} with an argument list only: no shell ever parses anything, so
 *       {@code ;}, {@code |}, {@code $(...)}, backticks, globs and quotes in arguments reach the
 *       program as plain bytes.
 *   <li>The executable must be an absolute, normalised path on the allowlist given at build time;
 *       {@code PATH} is never searched.
 *   <li>The environment is scrubbed: the child gets only {@code PATH=/usr/bin:/bin}, {@code
 *       LANG=C.UTF-8} and the variables set on the builder, and never a loader or shell hook
 *       ({@code LD_PRELOAD}, {@code LD_LIBRARY_PATH}, {@code DYLD_*}, {@code BASH_ENV}, {@code ENV},
 *       {@code IFS}, {@code PS4}, JVM option variables).
 *   <li>A fixed working directory; standard input is empty.
 *   <li>A timeout, after which the process and its descendants are killed; a bound on stdout and
 *       stderr together, over which the process is killed too. Both are {@link ExecException}s.
 * </ul>
 *
 * {@snippet :
 * SafeExec exec = SafeExec.builder()
 *     .allow(Path.of("/usr/bin/convert"))
 *     .workingDirectory(Path.of("/srv/app/tmp"))
 *     .timeout(Duration.ofSeconds(10))
 *     .build();
 * ExecResult result = exec.run(Path.of("/usr/bin/convert"), List.of(input.toString(), "png:" + output));
 * }
 *
 * <p><b>Warning</b>: no shell does not mean no injection: an argument starting with {@code -} can
 * still be read as an option by the program. Put {@code --} before user-supplied operands where the
 * program supports it, or validate them.
 *
 * <p>Thread-safe: immutable; each run uses its own process and reader threads.
 */
public final class SafeExec {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> FORBIDDEN_ENV =
      Set.of("LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "BASH_ENV", "ENV", "IFS", "PS4", "SHELLOPTS",
          "BASHOPTS", "PERL5OPT", "PYTHONSTARTUP", "PYTHONPATH", "NODE_OPTIONS", "JAVA_TOOL_OPTIONS",
          "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "GCONV_PATH");
  private static final int READ_CHUNK_BYTES = 8 * 1024;

  private final Set<Path> allowed;
  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final Duration timeout;
  private final long maxOutputBytes;

  private SafeExec(Builder builder) {
    this.allowed = Set.copyOf(builder.allowed);
    this.environment = Map.copyOf(builder.environment);
    this.workingDirectory = builder.workingDirectory;
    this.timeout = builder.timeout;
    this.maxOutputBytes = builder.maxOutputBytes;
  }

  /** A builder with no allowed programs, a 30 s timeout, 1 MiB of output and the JVM's working directory. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs {@code executable} with {@code arguments} and waits for it.
   *
   * @throws ExecException if the executable is not on the allowlist or cannot start, the run timed
   *     out, or it wrote more than the output bound; the process is killed in the last two cases
   * @throws IllegalArgumentException if an argument contains a NUL character
   * @throws InterruptedException if the calling thread was interrupted; the process is killed
   */
  public ExecResult run(Path executable, List<String> arguments) throws ExecException, InterruptedException {
    Objects.requireNonNull(executable, "executable");
    Objects.requireNonNull(arguments, "arguments");
    if (!executable.isAbsolute() || !allowed.contains(executable.normalize())) {
      throw new ExecException("executable is not on the allowlist");
    }
    List<String> command = new ArrayList<>(arguments.size() + 1);
    command.add(executable.normalize().toString());
    for (String argument : arguments) {
      if (Objects.requireNonNull(argument, "argument").indexOf('\0') >= 0) {
        throw new IllegalArgumentException("an argument contains a NUL character");
      }
      command.add(argument);
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.directory(workingDirectory.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", "/usr/bin:/bin");
    builder.environment().put("LANG", "C.UTF-8");
    builder.environment().putAll(environment);
    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ExecException("program could not be started", e);
    }
    OutputBudget budget = new OutputBudget(maxOutputBytes, process);
    try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<byte[]> stdout = readers.submit(() -> budget.drain(process.getInputStream()));
      Future<byte[]> stderr = readers.submit(() -> budget.drain(process.getErrorStream()));
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw new ExecException("program did not finish within " + timeout.toMillis() + " ms");
      }
      byte[] out = stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      byte[] err = stderr.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (budget.exceeded()) {
        throw new ExecException("program wrote more than " + maxOutputBytes + " bytes of output");
      }
      return new ExecResult(process.exitValue(), out, err);
    } catch (ExecutionException | TimeoutException e) {
      kill(process);
      if (budget.exceeded()) {
        // Killing the process at the bound closes its pipes under the other reader, whose read then
        // fails: the cause is still the bound, and the caller must be told so.
        throw new ExecException("program wrote more than " + maxOutputBytes + " bytes of output");
      }
      throw new ExecException("reading the program's output failed", e);
    } catch (InterruptedException e) {
      kill(process);
      throw e;
    } finally {
      if (process.isAlive()) {
        kill(process);
      }
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Shared by both output streams, so the bound is on the total; kills the process when crossed. */
  private static final class OutputBudget {
    private final long maxBytes;
    private final Process process;
    private long used;
    private boolean exceeded;

    OutputBudget(long maxBytes, Process process) {
      this.maxBytes = maxBytes;
      this.process = process;
    }

    byte[] drain(InputStream in) throws IOException {
      ByteArrayOutputStream kept = new ByteArrayOutputStream();
      byte[] chunk = new byte[READ_CHUNK_BYTES];
      int read;
      while ((read = in.read(chunk)) != -1) {
        int allowedNow = take(read);
        kept.write(chunk, 0, allowedNow);
        if (allowedNow < read) {
          kill(process);
          break;
        }
      }
      return kept.toByteArray();
    }

    private synchronized int take(int wanted) {
      long room = maxBytes - used;
      int granted = (int) Math.min(room, wanted);
      used += granted;
      if (granted < wanted) {
        exceeded = true;
      }
      return granted;
    }

    synchronized boolean exceeded() {
      return exceeded;
    }
  }

  /** Builds a {@link SafeExec}. Not thread-safe; the result is. */
  public static final class Builder {
    private final Set<Path> allowed = new java.util.LinkedHashSet<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path workingDirectory = Path.of("").toAbsolutePath();
    private Duration timeout = Duration.ofSeconds(30);
    private long maxOutputBytes = 1024 * 1024;

    private Builder() {}

    /**
     * Allows one program.
     *
     * @throws IllegalArgumentException if the path is relative, not normalised, or not an existing
     *     regular executable file
     */
    public Builder allow(Path executable) {
      Objects.requireNonNull(executable, "executable");
      if (!executable.isAbsolute() || !executable.normalize().equals(executable)) {
        throw new IllegalArgumentException("an allowed executable must be an absolute, normalised path");
      }
      if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
        throw new IllegalArgumentException("an allowed executable must be an existing executable file");
      }
      allowed.add(executable);
      return this;
    }

    /**
     * Sets one variable of the child's environment (nothing is inherited).
     *
     * @throws IllegalArgumentException for a malformed name, a loader or shell hook variable, or a
     *     NUL in the value
     */
    public Builder environment(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (!ENV_NAME.matcher(name).matches() || FORBIDDEN_ENV.contains(name) || name.startsWith("DYLD_")) {
        throw new IllegalArgumentException("environment variable not allowed: " + name);
      }
      if (value.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("environment value contains a NUL character");
      }
      environment.put(name, value);
      return this;
    }

    /** The child's working directory; it must exist. */
    public Builder workingDirectory(Path directory) {
      Objects.requireNonNull(directory, "directory");
      if (!Files.isDirectory(directory)) {
        throw new IllegalArgumentException("working directory does not exist");
      }
      this.workingDirectory = directory.toAbsolutePath();
      return this;
    }

    /** How long a run may take, from 1 ms to 1 hour. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("timeout must be between 1 ms and 1 hour");
      }
      this.timeout = timeout;
      return this;
    }

    /** Most bytes kept of stdout and stderr together, from 1 byte to 64 MiB. */
    public Builder maxOutputBytes(long maxOutputBytes) {
      if (maxOutputBytes < 1 || maxOutputBytes > 64L * 1024 * 1024) {
        throw new IllegalArgumentException("maxOutputBytes must be between 1 and 64 MiB");
      }
      this.maxOutputBytes = maxOutputBytes;
      return this;
    }

    /**
     * @throws IllegalArgumentException if no program was allowed
     */
    public SafeExec build() {
      if (allowed.isEmpty()) {
        throw new IllegalArgumentException("allow at least one executable");
      }
      return new SafeExec(this);
    }
  }
}
