package dev.bulwark.bench.audit;

import dev.bulwark.audit.Finding;
import dev.bulwark.audit.ScanListener;
import dev.bulwark.audit.ScanResult;
import dev.bulwark.audit.Scanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Timed driver for issue 8's throughput goal: our scanner's secret rules against ripgrep running
 * the same secret regular expressions over the same tree, interleaved round by round in one run,
 * and a check that every match ripgrep makes is a finding of ours. Run by
 * {@code bulwark-bench/audit-vs-ripgrep}, which unpacks the JDK sources; docs/audit.md shows a run.
 *
 * <p>Arguments: {@code TREE ROUNDS RG THREADS}. The tree gets a {@code bulwark-planted} directory of
 * generated secrets ({@link PlantedSecrets}), so that the zero-missed check has something to find.
 */
public final class AuditVsRipgrep {
  private AuditVsRipgrep() {}

  /**
   * Usage: {@code TREE ROUNDS RG THREADS}.
   *
   * @throws Exception if the tree cannot be read, ripgrep fails or is interrupted
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: AuditVsRipgrep TREE ROUNDS RG THREADS");
      System.exit(2);
    }
    Path tree = Path.of(args[0]).toAbsolutePath().normalize();
    int rounds = Integer.parseInt(args[1]);
    String ripgrep = args[2];
    int threads = Integer.parseInt(args[3]);

    int planted = PlantedSecrets.plant(tree.resolve("bulwark-planted"));
    Path regexFile = tree.resolveSibling("secret-regexes.txt");
    Files.write(regexFile, SecretRegexes.RIPGREP, StandardCharsets.UTF_8);
    long bytes = treeBytes(tree);
    System.out.printf(Locale.ROOT, "tree %s: %.1f MB in %d files (%d planted secrets), %d threads, load %s%n",
        tree.getFileName(), bytes / 1e6, countFiles(tree), planted, threads, load());

    Scanner scanner = Scanner.defaults().secretRulesOnly().withThreads(threads);
    double[] ours = new double[rounds];
    double[] theirs = new double[rounds];
    List<Finding> ourFindings = List.of();
    List<String> theirMatches = List.of();
    long coldStart = System.nanoTime();
    scanner.scanTree(tree, ScanListener.NONE);
    double cold = (System.nanoTime() - coldStart) / 1e9;
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      theirMatches = ripgrep(ripgrep, regexFile, tree, threads);
      theirs[round] = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      ScanResult result = scanner.scanTree(tree, ScanListener.NONE);
      ours[round] = (System.nanoTime() - start) / 1e9;
      ourFindings = result.findings();
      System.out.printf(Locale.ROOT, "round %d: ripgrep %.3f s, bulwark %.3f s%n", round + 1, theirs[round], ours[round]);
    }
    System.out.printf(Locale.ROOT, "bulwark first (cold JVM) scan: %.3f s = %.1f MB/s%n", cold, bytes / 1e6 / cold);
    print("ripgrep", bytes, theirs);
    print("bulwark", bytes, ours);
    double[] ratios = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      ratios[i] = theirs[i] / ours[i];
    }
    Arrays.sort(ratios);
    System.out.printf(Locale.ROOT, "ratio bulwark/ripgrep throughput per round: min %.2f median %.2f max %.2f (goal >= 0.50)%n",
        ratios[0], median(ratios), ratios[rounds - 1]);
    System.out.println("load after: " + load());

    int missed = missed(theirMatches, ourFindings);
    System.out.printf(Locale.ROOT, "ripgrep matches %d, bulwark secret findings %d, ripgrep matches bulwark missed: %d%n",
        theirMatches.size(), ourFindings.size(), missed);
    System.exit(missed == 0 ? 0 : 1);
  }

  /** ripgrep's matches as {@code path:line:match} ({@code path} relative to the tree). */
  private static List<String> ripgrep(String ripgrep, Path regexFile, Path tree, int threads) throws IOException, InterruptedException {
    Path output = tree.resolveSibling("ripgrep-output.txt");
    // --no-ignore: the unpacked tree lies under the repository's ignored target/, which ripgrep
    // would otherwise honour; --max-filesize: our default size bound; the same thread count.
    ProcessBuilder builder = new ProcessBuilder(
        ripgrep, "--no-ignore", "--hidden", "--no-messages", "--max-filesize", "2M", "-j", Integer.toString(threads),
        "--no-heading", "--with-filename", "--line-number", "--only-matching", "-f", regexFile.toString(), ".")
        .directory(tree.toFile())
        .redirectOutput(output.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException("ripgrep took more than 10 minutes");
    }
    if (process.exitValue() > 1) {
      throw new IOException("ripgrep failed with exit code " + process.exitValue());
    }
    try (Stream<String> lines = Files.lines(output, StandardCharsets.UTF_8)) {
      return lines.map(line -> line.startsWith("./") ? line.substring(2) : line).toList();
    }
  }

  /** ripgrep matches with no finding of ours on the same file and line; each is printed. */
  private static int missed(List<String> matches, List<Finding> findings) {
    Set<String> ours = new HashSet<>();
    findings.forEach(f -> ours.add(f.path() + ":" + f.line()));
    int missed = 0;
    for (String match : matches) {
      int first = match.indexOf(':');
      int second = match.indexOf(':', first + 1);
      if (first < 0 || second < 0 || !ours.contains(match.substring(0, second))) {
        missed++;
        // Only the location and the first characters: the match is a secret.
        System.out.println("missed: " + match.substring(0, Math.min(match.length(), Math.max(second, 0) + 5)) + "...");
      }
    }
    return missed;
  }

  private static void print(String tool, long bytes, double[] seconds) {
    double[] rates = Arrays.stream(seconds).map(s -> bytes / 1e6 / s).sorted().toArray();
    System.out.printf(Locale.ROOT, "%-8s MB/s over %d rounds: min %.1f median %.1f max %.1f%n",
        tool, seconds.length, rates[0], median(rates), rates[rates.length - 1]);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static long treeBytes(Path tree) throws IOException {
    try (Stream<Path> files = Files.walk(tree)) {
      List<Path> regular = files.filter(Files::isRegularFile).toList();
      long total = 0;
      for (Path file : regular) {
        total += Files.size(file);
      }
      return total;
    }
  }

  private static long countFiles(Path tree) throws IOException {
    try (Stream<Path> files = Files.walk(tree)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
