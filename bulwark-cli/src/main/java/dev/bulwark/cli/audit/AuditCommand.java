package dev.bulwark.cli.audit;

import dev.bulwark.audit.Baseline;
import dev.bulwark.audit.Finding;
import dev.bulwark.audit.GitHistory;
import dev.bulwark.audit.Reports;
import dev.bulwark.audit.ScanListener;
import dev.bulwark.audit.ScanResult;
import dev.bulwark.audit.Scanner;
import dev.bulwark.cli.CliException;
import dev.bulwark.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark audit}: hard-coded secrets and insecure code in the given paths (docs/audit.md).
 * The report goes to stdout; a progress line goes to stderr only when stderr is a terminal.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Find hard-coded secrets and insecure code in PATH... (default: the current directory).",
      "Respects the root .gitignore; skips binaries and files over the size bound.",
      "Exit 0: no findings; 1: findings (not in the baseline); 2: usage or input error."
    })
public final class AuditCommand implements Callable<Integer> {
  /** Report formats. */
  enum Format {
    TEXT,
    JSON,
    SARIF
  }

  /** A history scan that takes longer than this is stopped (exit 2). */
  private static final Duration HISTORY_TIMEOUT = Duration.ofMinutes(30);

  @Spec CommandSpec spec;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default), json or sarif (SARIF 2.1.0).")
  Format format;

  @Option(names = "--baseline", paramLabel = "FILE", description = "Do not report findings whose fingerprint is in FILE.")
  String baselineFile;

  @Option(names = "--update-baseline", description = "Write every current finding to the --baseline FILE (keeping written reasons) and exit 0.")
  boolean updateBaseline;

  @Option(
      names = "--max-file-bytes",
      paramLabel = "BYTES",
      defaultValue = "" + Scanner.DEFAULT_MAX_FILE_BYTES,
      description = "Skip files larger than this (default ${DEFAULT-VALUE}).")
  long maxFileBytes;

  @Option(
      names = "--git-history",
      description = "Scan the lines added by every commit of the git repository at each PATH (git log --all -p) instead of its files.")
  boolean gitHistory;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories to scan.")
  List<String> paths = new ArrayList<>();

  @Override
  public Integer call() {
    if (updateBaseline && baselineFile == null) {
      throw new ParameterException(spec.commandLine(), "--update-baseline needs --baseline FILE");
    }
    if (maxFileBytes < 1) {
      throw new ParameterException(spec.commandLine(), "--max-file-bytes must be positive");
    }
    List<Path> roots = new ArrayList<>();
    for (String name : paths.isEmpty() ? List.of(".") : paths) {
      roots.add(path(name));
    }
    Baseline baseline = readBaseline();
    ScanResult result;
    try {
      Scanner scanner = Scanner.defaults().withMaxFileBytes(maxFileBytes);
      result = gitHistory ? history(scanner, roots) : scanner.scan(roots, progress());
    } catch (IOException e) {
      throw CliException.usage(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (updateBaseline) {
      Baseline updated = baseline.updatedWith(result.findings());
      try {
        Files.writeString(path(baselineFile), updated.write(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw CliException.usage("cannot write " + baselineFile);
      }
      long unexplained = updated.entries().stream().filter(entry -> entry.reason().isBlank()).count();
      out.print("baseline " + baselineFile + ": " + updated.entries().size() + " findings, " + unexplained + " without a reason yet\n");
      out.flush();
      return 0;
    }
    List<Finding> findings = baseline.filter(result.findings());
    String report = switch (format) {
      case TEXT -> Reports.text(findings, result.filesScanned());
      case JSON -> Reports.json(findings, result.filesScanned());
      case SARIF -> Reports.sarif(findings, version());
    };
    out.print(report);
    out.flush();
    return findings.isEmpty() ? 0 : Main.NEGATIVE;
  }

  private static ScanResult history(Scanner scanner, List<Path> roots) throws IOException {
    GitHistory history = GitHistory.using(scanner, HISTORY_TIMEOUT);
    List<Finding> findings = new ArrayList<>();
    for (Path root : roots) {
      findings.addAll(history.scan(root));
    }
    findings.sort(Finding.ORDER);
    return new ScanResult(findings, 0, 0, 0, List.of(), 0);
  }

  private Baseline readBaseline() {
    if (baselineFile == null) {
      return Baseline.empty();
    }
    Path file = path(baselineFile);
    if (!Files.exists(file) && updateBaseline) {
      return Baseline.empty();
    }
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > 4L * 1024 * 1024) {
        throw CliException.usage("cannot read baseline " + baselineFile + " (no such file, or larger than 4 MiB)");
      }
      return Baseline.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw CliException.usage("baseline " + baselineFile + ": " + e.getMessage());
    }
  }

  /**
   * A progress line on stderr when, and only when, the process runs on a terminal. Since JDK 22
   * System.console() may be non-null with redirected streams, so isTerminal() is checked too.
   */
  private ScanListener progress() {
    java.io.Console console = System.console();
    if (console == null || !console.isTerminal()) {
      return ScanListener.NONE;
    }
    PrintWriter err = spec.commandLine().getErr();
    return new ScanListener() {
      private int lastPercent = -1;

      @Override
      public synchronized void progress(int done, int total) {
        int percent = total == 0 ? 100 : (int) (100L * done / total);
        if (percent != lastPercent) {
          lastPercent = percent;
          err.print("\rbulwark audit: " + done + "/" + total + " files (" + percent + "%)" + (done == total ? "\n" : ""));
          err.flush();
        }
      }
    };
  }

  private static String version() {
    String version = AuditCommand.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  // Reading the files its user names is this command's purpose; the user has the same access anyway.
  private static Path path(String name) {
    try {
      return Path.of(name);
    } catch (InvalidPathException e) {
      throw CliException.usage("not a valid path: " + name.replaceAll("\\p{Cntrl}", "?"));
    }
  }
}
