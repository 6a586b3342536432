package dev.bulwark.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine that a user's machine may lack: the shared test vectors, the
 * Python reference packages, PostgreSQL, Redis.
 *
 * <p>Where a requirement is absent the test is skipped with a message that says what is missing and
 * how to get it. When the environment variable {@code BULWARK_REQUIRE_ALL=1} is set (CI sets it), the
 * same absence fails the test instead, so that CI can never pass by skipping.
 */
public final class Requirements {
  private Requirements() {}

  /** True when absent requirements must fail rather than skip. */
  public static boolean requireAll() {
    return "1".equals(System.getenv("BULWARK_REQUIRE_ALL"));
  }

  /**
   * Skips the calling test (or fails it under {@code BULWARK_REQUIRE_ALL=1}).
   *
   * @param what what is missing
   * @param howToGet one sentence on how to provide it
   */
  public static void unavailable(String what, String howToGet) {
    String message = what + " is not available (" + howToGet + ")";
    if (requireAll()) {
      throw new AssertionError(message + "; BULWARK_REQUIRE_ALL=1 makes this a failure, not a skip");
    }
    Assumptions.abort("skipped: " + message);
  }

  /** The {@code shared/} folder beside the checkout, if present. */
  public static Optional<Path> sharedDir() {
    String fromEnv = System.getenv("BULWARK_SHARED_DIR");
    List<Path> candidates = new ArrayList<>();
    if (fromEnv != null && !fromEnv.isBlank()) {
      candidates.add(Path.of(fromEnv));
    }
    String root = System.getProperty("bulwark.root");
    if (root != null && !root.isBlank()) {
      candidates.add(Path.of(root).resolve("../shared"));
    }
    candidates.add(Path.of("../shared"));
    candidates.add(Path.of("../../shared"));
    return candidates.stream()
        .map(p -> p.toAbsolutePath().normalize())
        .filter(p -> Files.isDirectory(p.resolve("vectors")))
        .findFirst();
  }

  /**
   * The shared test-vector folder ({@code ../shared/vectors}), or skip.
   *
   * @param relative a file or folder inside it that the test reads
   * @return the resolved path, which exists
   */
  public static Path vectors(String relative) {
    Optional<Path> shared = sharedDir();
    if (shared.isEmpty()) {
      unavailable("../shared/vectors", "check out the shared folder beside the repository");
      throw new AssertionError("unreachable");
    }
    Path path = shared.get().resolve("vectors").resolve(relative);
    if (!Files.exists(path)) {
      unavailable("shared vector file " + relative, "the shared folder is incomplete");
    }
    return path;
  }

  /**
   * A Python 3 interpreter that can import every named module, or skip. The system interpreter
   * ({@code /usr/bin/python3}, where Debian installs {@code python3-cryptography} and friends) is tried
   * before whatever {@code python3} is first on the PATH.
   */
  public static Python python(String... modules) {
    List<String> candidates = List.of("/usr/bin/python3", "python3");
    StringBuilder imports = new StringBuilder("import sys");
    for (String module : modules) {
      imports.append('\n').append("import ").append(module);
    }
    for (String candidate : candidates) {
      Python python = new Python(candidate);
      if (python.canRun(imports.toString())) {
        return python;
      }
    }
    unavailable(
        "python3 with " + String.join(", ", modules),
        "apt-get install "
            + String.join(
                " ",
                java.util.Arrays.stream(modules)
                    .map(m -> "python3-" + m.toLowerCase(Locale.ROOT).replace('_', '-'))
                    .toList()));
    throw new AssertionError("unreachable");
  }

  /** Skips unless PostgreSQL listens on 127.0.0.1:5432. */
  public static void postgres() {
    requireTcp("PostgreSQL on 127.0.0.1:5432", 5432, "start it: pg_ctlcluster <version> main start");
  }

  /** Skips unless Redis listens on 127.0.0.1:6379. */
  public static void redis() {
    requireTcp("Redis on 127.0.0.1:6379", 6379, "start it: redis-server --daemonize yes");
  }

  private static void requireTcp(String what, int port, String howToGet) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
    } catch (IOException e) {
      unavailable(what, howToGet);
    }
  }
}
