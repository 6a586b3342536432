package dev.bulwark.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Walks paths and runs every rule on every text file. Directories are walked without following
 * symbolic links, pruning {@code .git} and whatever the root's {@code .gitignore} ignores; a file
 * is skipped if it is larger than the size bound or has a NUL byte in its first 8 KiB (binary).
 * Files are scanned on a fixed pool of one platform thread per core (the work is CPU-bound), and
 * the findings are sorted, so the output does not depend on scheduling.
 *
 * <p>Thread-safe and immutable: one scanner may run several scans at once.
 */
public final class Scanner {
  /** The default size bound: larger files are generated, minified or data, not source. */
  public static final long DEFAULT_MAX_FILE_BYTES = 2L * 1024 * 1024;

  static final int BINARY_PROBE_BYTES = 8 * 1024;

  private final long maxFileBytes;
  private final int threads;
  private final boolean codeRules;
  private final SecretDetector secrets = new SecretDetector();
  private final JavaDetector java = new JavaDetector();
  private final PythonDetector python = new PythonDetector();

  private Scanner(long maxFileBytes, int threads, boolean codeRules) {
    this.maxFileBytes = maxFileBytes;
    this.threads = threads;
    this.codeRules = codeRules;
  }

  /** The default bound and one thread per available core. */
  public static Scanner defaults() {
    return new Scanner(DEFAULT_MAX_FILE_BYTES, Math.max(1, Runtime.getRuntime().availableProcessors()), true);
  }

  /** This scanner with another file size bound. */
  public Scanner withMaxFileBytes(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("the size bound must be positive");
    }
    return new Scanner(bytes, threads, codeRules);
  }

  /** This scanner with another number of worker threads. */
  public Scanner withThreads(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one thread");
    }
    return new Scanner(maxFileBytes, count, codeRules);
  }

  /**
   * This scanner with the secret rules only (BWK-SECRET-*, and BWK-AUDIT-001 for malformed
   * suppressions): no Java or Python code rules, so no Java parse. For secret sweeps of large
   * trees and history, where the code rules do not apply.
   */
  public Scanner secretRulesOnly() {
    return new Scanner(maxFileBytes, threads, false);
  }

  private record Target(Path file, String reportPath) {}

  private record FileOutcome(List<Finding> findings, boolean binary, boolean tooLarge, boolean parseFallback, int suppressed, String path) {}

  /**
   * Scans files and directories.
   *
   * @throws IOException if a root cannot be read or walked (a single unreadable file inside is too)
   */
  public ScanResult scan(List<Path> roots, ScanListener listener) throws IOException {
    List<Target> targets = new ArrayList<>();
    for (Path root : roots) {
      collect(root, displayName(root), targets);
    }
    return scanTargets(targets, listener);
  }

  /**
   * Scans one directory with paths reported relative to it, exactly as {@code bulwark audit .} run
   * inside it reports them, so that its findings match a baseline written that way (the
   * fingerprint includes the path). Used by the project's self-audit, which runs in a module
   * directory.
   *
   * @throws IOException if the directory cannot be read or walked
   */
  public ScanResult scanTree(Path directory, ScanListener listener) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new IOException("not a directory: " + displayName(directory));
    }
    List<Target> targets = new ArrayList<>();
    collect(directory, ".", targets);
    return scanTargets(targets, listener);
  }

  private ScanResult scanTargets(List<Target> targets, ScanListener listener) throws IOException {
    Objects.requireNonNull(listener, "listener");
    targets.sort(Comparator.comparing(Target::reportPath));
    AtomicInteger done = new AtomicInteger();
    List<FileOutcome> outcomes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<FileOutcome>> futures = new ArrayList<>();
      for (Target target : targets) {
        futures.add(pool.submit(() -> {
          FileOutcome outcome = scanFile(target);
          listener.progress(done.incrementAndGet(), targets.size());
          return outcome;
        }));
      }
      for (Future<FileOutcome> future : futures) {
        outcomes.add(future.get());
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw new IllegalStateException("scan failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("scan interrupted", e);
    }
    List<Finding> findings = new ArrayList<>();
    List<String> fallbacks = new ArrayList<>();
    int scanned = 0;
    int binary = 0;
    int large = 0;
    int suppressed = 0;
    for (FileOutcome outcome : outcomes) {
      findings.addAll(outcome.findings());
      binary += outcome.binary() ? 1 : 0;
      large += outcome.tooLarge() ? 1 : 0;
      scanned += outcome.binary() || outcome.tooLarge() ? 0 : 1;
      suppressed += outcome.suppressed();
      if (outcome.parseFallback()) {
        fallbacks.add(outcome.path());
      }
    }
    findings.sort(Finding.ORDER);
    return new ScanResult(findings, scanned, binary, large, fallbacks, suppressed);
  }

  /**
   * Scans one text as if it were the file {@code reportPath} (its name picks the rules). Used for
   * the added lines of git history, and by tests.
   */
  public List<Finding> scanText(String reportPath, String text) {
    return scanSource(reportPath, text).findings();
  }

  private void collect(Path root, String rootName, List<Target> targets) throws IOException {
    if (Files.isRegularFile(root)) {
      targets.add(new Target(root, rootName));
      return;
    }
    if (!Files.isDirectory(root)) {
      throw new IOException("no such file or directory: " + rootName);
    }
    // One layer per walked directory that has a .gitignore; the deepest matching layer decides.
    Deque<IgnoreLayer> layers = new ArrayDeque<>();
    pushIgnoreFile(root, layers);
    String prefix = rootName.equals(".") ? "" : rootName.endsWith("/") ? rootName : rootName + "/";
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
        if (dir.equals(root)) {
          return FileVisitResult.CONTINUE;
        }
        Path name = dir.getFileName();
        boolean git = name != null && name.toString().equals(".git");
        if (git || ignored(layers, dir, true)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        pushIgnoreFile(dir, layers);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
        if (!layers.isEmpty() && layers.peekLast().dir().equals(dir)) {
          layers.removeLast();
        }
        if (failure != null) {
          throw failure;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        if (attributes.isRegularFile() && !ignored(layers, file, false)) {
          targets.add(new Target(file, prefix + relative(root, file)));
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private record IgnoreLayer(Path dir, GitIgnore ignore) {}

  private static void pushIgnoreFile(Path dir, Deque<IgnoreLayer> layers) throws IOException {
    Path ignoreFile = dir.resolve(".gitignore");
    if (Files.isRegularFile(ignoreFile, LinkOption.NOFOLLOW_LINKS)) {
      layers.addLast(new IgnoreLayer(dir, GitIgnore.parse(Files.readString(ignoreFile, StandardCharsets.UTF_8))));
    }
  }

  private static boolean ignored(Deque<IgnoreLayer> layers, Path path, boolean directory) {
    GitIgnore.Verdict decided = GitIgnore.Verdict.NO_MATCH;
    for (IgnoreLayer layer : layers) {
      GitIgnore.Verdict verdict = layer.ignore().verdict(relative(layer.dir(), path), directory);
      if (verdict != GitIgnore.Verdict.NO_MATCH) {
        decided = verdict;
      }
    }
    return decided == GitIgnore.Verdict.IGNORED;
  }

  private static String relative(Path root, Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }

  private static String displayName(Path root) {
    String name = root.normalize().toString().replace('\\', '/');
    return name.isEmpty() ? "." : name;
  }

  private FileOutcome scanFile(Target target) {
    try {
      long size = Files.size(target.file());
      if (size > maxFileBytes) {
        return new FileOutcome(List.of(), false, true, false, 0, target.reportPath());
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(target.file())) {
        bytes = in.readNBytes((int) Math.min(maxFileBytes + 1, Integer.MAX_VALUE - 8));
      }
      if (bytes.length > maxFileBytes) {
        return new FileOutcome(List.of(), false, true, false, 0, target.reportPath());
      }
      int probe = Math.min(bytes.length, BINARY_PROBE_BYTES);
      for (int i = 0; i < probe; i++) {
        if (bytes[i] == 0) {
          return new FileOutcome(List.of(), true, false, false, 0, target.reportPath());
        }
      }
      return scanSource(target.reportPath(), new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(new IOException("cannot read " + target.reportPath(), e));
    }
  }

  private FileOutcome scanSource(String reportPath, String text) {
    int slash = reportPath.lastIndexOf('/');
    String fileName = reportPath.substring(slash + 1);
    int firstBreak = text.indexOf('\n');
    FileKind kind = FileKind.of(fileName, firstBreak < 0 ? text : text.substring(0, firstBreak));
    SourceFile file = SourceFile.of(reportPath, kind, text);
    List<Finding> raw = new ArrayList<>(secrets.scan(file));
    boolean fallback = false;
    if (codeRules && kind == FileKind.JAVA) {
      Optional<List<Finding>> javaFindings = java.scan(file);
      fallback = javaFindings.isEmpty();
      javaFindings.ifPresent(raw::addAll);
    } else if (codeRules && kind == FileKind.PYTHON) {
      raw.addAll(python.scan(file));
    }
    Suppressions suppressions = Suppressions.of(file);
    List<Finding> kept = new ArrayList<>(suppressions.malformed());
    int suppressed = 0;
    for (Finding finding : raw) {
      if (suppressions.suppresses(finding)) {
        suppressed++;
      } else {
        kept.add(finding);
      }
    }
    kept.sort(Finding.ORDER);
    return new FileOutcome(kept, false, false, fallback, suppressed, reportPath);
  }
}
