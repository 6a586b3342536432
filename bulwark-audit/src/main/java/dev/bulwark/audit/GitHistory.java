package dev.bulwark.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Scans the lines added by every commit reachable from any ref ({@code git log --all -p}), so a
 * secret that was committed and later deleted is still found: it is still in the history, and
 * anyone with a clone has it.
 *
 * <p>Git runs as a fixed program with an argument list (no shell), with external diff drivers,
 * text conversion filters and the pager disabled so that a scanned repository's configuration
 * cannot make the scan run its programs, and with a time limit. Each commit's added lines of a file
 * are scanned together as that file (so multi-line matches such as PEM blocks work within a hunk),
 * and findings carry the line number in that commit's version of the file; the excerpt names the
 * newest commit that added it (each distinct match is reported once). Java syntax-tree rules mostly
 * do not apply to fragments: they fall back to the secret rules, which is what history scanning is
 * for.
 *
 * <p>Fingerprints use the file path without the commit, so one baseline entry covers a secret
 * both in the working tree and in the history.
 */
public final class GitHistory {
  private static final String COMMIT_MARKER = "\u0001commit ";

  private final Scanner scanner;
  private final Duration timeout;
  private final String git;

  private GitHistory(Scanner scanner, Duration timeout, String git) {
    this.scanner = scanner;
    this.timeout = timeout;
    this.git = git;
  }

  /** Runs {@code git} from the PATH with the given scanner and time limit. */
  public static GitHistory using(Scanner scanner, Duration timeout) {
    Objects.requireNonNull(scanner, "scanner");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the time limit must be positive");
    }
    return new GitHistory(scanner, timeout, "git");
  }

  /**
   * The findings in the added lines of every commit of the repository that contains {@code
   * repository}, sorted.
   *
   * @throws IOException if git cannot run, fails (not a repository) or exceeds the time limit
   */
  public List<Finding> scan(Path repository) throws IOException {
    List<String> command =
        List.of(
            git, "--no-pager", "-c", "core.quotepath=false", "-c", "diff.external=", "-C", repository.toString(),
            "log", "--all", "-p", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "-U0",
            "--format=" + COMMIT_MARKER + "%H");
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    AtomicBoolean timedOut = new AtomicBoolean();
    Thread watchdog = Thread.ofVirtual().start(() -> {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          timedOut.set(true);
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
      }
    });
    StringBuilder errors = new StringBuilder();
    Thread errorReader = Thread.ofVirtual().start(() -> drain(process.getErrorStream(), errors));
    process.getOutputStream().close();
    List<Finding> findings = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      parse(reader, findings);
    }
    try {
      int exit = process.waitFor();
      watchdog.join();
      errorReader.join();
      if (timedOut.get()) {
        throw new IOException("git log took longer than " + timeout.toSeconds() + " s");
      }
      if (exit != 0) {
        String first = errors.toString().lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
        throw new IOException("git log failed (exit " + exit + ")" + (first.isEmpty() ? "" : ": " + first));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    // git log lists newest first: keep each distinct match once, at the newest commit that added it.
    java.util.Map<String, Finding> distinct = new java.util.LinkedHashMap<>();
    findings.forEach(f -> distinct.putIfAbsent(f.fingerprint(), f));
    List<Finding> result = new ArrayList<>(distinct.values());
    result.sort(Finding.ORDER);
    return result;
  }

  private static void drain(InputStream stream, StringBuilder errors) {
    try (stream) {
      byte[] bytes = stream.readNBytes(64 * 1024);
      synchronized (errors) {
        errors.append(new String(bytes, StandardCharsets.UTF_8));
      }
      stream.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      // The exit code reports the failure; the message is only a courtesy.
    }
  }

  /** Parses {@code git log -p -U0} output, scanning each (commit, file)'s added lines. */
  void parse(BufferedReader reader, List<Finding> findings) throws IOException {
    Added added = new Added();
    String commit = "";
    boolean inHeader = false;
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.startsWith(COMMIT_MARKER)) {
        added.flush(commit, findings);
        commit = line.substring(COMMIT_MARKER.length()).strip();
        inHeader = false;
      } else if (line.startsWith("diff --git ")) {
        added.flush(commit, findings);
        added.path = null;
        inHeader = true;
      } else if (inHeader && line.startsWith("+++ ")) {
        String target = line.substring(4);
        added.path = target.equals("/dev/null") ? null : unquote(target).replaceFirst("^b/", "");
      } else if (line.startsWith("@@ ")) {
        inHeader = false;
        added.nextLine = hunkStart(line);
      } else if (!inHeader && line.startsWith("+") && added.path != null) {
        added.add(line.substring(1));
      }
    }
    added.flush(commit, findings);
  }

  /** The added lines of one file in one commit, with their line numbers. */
  private final class Added {
    String path;
    int nextLine = 1;
    private final StringBuilder text = new StringBuilder();
    private final List<Integer> lines = new ArrayList<>();

    void add(String content) {
      if (text.length() + content.length() > Scanner.DEFAULT_MAX_FILE_BYTES) {
        return;
      }
      text.append(content).append('\n');
      lines.add(nextLine++);
    }

    void flush(String commit, List<Finding> findings) {
      if (path != null && !lines.isEmpty()) {
        String shortCommit = commit.length() > 12 ? commit.substring(0, 12) : commit;
        for (Finding f : scanner.scanText(path, text.toString())) {
          int line = f.line() <= lines.size() ? lines.get(f.line() - 1) : f.line();
          findings.add(new Finding(f.rule(), f.path(), line, f.column(), "commit " + shortCommit + ": " + f.excerpt(), f.fingerprint()));
        }
      }
      text.setLength(0);
      lines.clear();
    }
  }

  private static int hunkStart(String header) {
    int plus = header.indexOf(" +");
    if (plus < 0) {
      return 1;
    }
    int i = plus + 2;
    int value = 0;
    while (i < header.length() && Character.isDigit(header.charAt(i)) && value < 100_000_000) {
      value = value * 10 + (header.charAt(i) - '0');
      i++;
    }
    return Math.max(1, value);
  }

  private static String unquote(String path) {
    if (path.length() >= 2 && path.startsWith("\"") && path.endsWith("\"")) {
      return path.substring(1, path.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return path;
  }
}
