package dev.bulwark.server;

import dev.bulwark.server.config.ConfigException;
import dev.bulwark.server.config.ConfigLoader;
import dev.bulwark.server.config.ServerConfig;
import dev.bulwark.server.keys.RootKeyException;
import dev.bulwark.server.storage.StorageException;
import dev.bulwark.server.tls.TlsSetupException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts the server from command-line arguments: {@code [--listen HOST:PORT] [--data DIR] [--config
 * FILE] [--http]}, used by {@code bulwark serve} and by process-level tests. Prints the URL, the
 * certificate fingerprint (to pin) and any start-up notice (the first-start enrolment token), then
 * runs until the process is stopped; SIGTERM stops it gracefully.
 *
 * <p>Exit codes: 0 after a clean stop; 2 when start-up is refused (bad configuration, root key,
 * certificate or database), with one line naming the setting or the cause and no stack trace.
 */
public final class ServerMain {
  /** Exit code for a refused start-up. */
  public static final int REFUSED = 2;

  private ServerMain() {}

  /** Runs the server; exits the JVM with {@link #REFUSED} if start-up is refused. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code = run(List.of(args), System.getenv(), out, err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Parses, starts, prints, and blocks until the server stops.
   *
   * @return 0 after a stop, {@link #REFUSED} if the arguments or start-up were refused
   */
  public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
    BulwarkServer server;
    try {
      Arguments parsed = Arguments.parse(args);
      server = start(parsed.configFile(), parsed.settings(), environment, out::println);
    } catch (StartRefusedException e) {
      err.println("bulwark serve: " + e.getMessage());
      return REFUSED;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bulwark-shutdown"));
    try {
      server.awaitStop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
    return 0;
  }

  /**
   * Loads the configuration, starts the server and prints where it listens.
   *
   * @param configFile the YAML file ({@code --config}), if any
   * @param settings settings from flags, by dotted name ({@code listen}, {@code data}, {@code http})
   * @param environment the process environment ({@code BULWARK_*})
   * @param console where the start-up lines and warnings go
   * @throws StartRefusedException with one line naming the setting or cause
   */
  public static BulwarkServer start(Optional<Path> configFile, Map<String, String> settings,
      Map<String, String> environment, Consumer<String> console) {
    try {
      Optional<Path> file = configFile.or(() -> Optional.ofNullable(environment.get("BULWARK_CONFIG")).map(Path::of));
      ServerConfig config = ConfigLoader.load(file, environment, settings);
      BulwarkServer server = BulwarkServer.builder(config).environment(environment).console(console).build().start();
      console.accept("Bulwark " + BulwarkServer.version() + " listening on " + server.baseUrl());
      server.certificateFingerprint().ifPresentOrElse(
          f -> console.accept("TLS certificate SHA-256 fingerprint: " + f),
          () -> console.accept("WARNING: plain HTTP on loopback: put a TLS-terminating proxy in front of it"));
      server.startupNotices().forEach(console);
      return server;
    } catch (ConfigException | RootKeyException | TlsSetupException e) {
      throw new StartRefusedException(e.getMessage());
    } catch (StorageException e) {
      throw new StartRefusedException("database: " + e.getMessage()
          + " (check database.url, database.user, BULWARK_DATABASE_PASSWORD, or the data directory)");
    }
  }

  /** Start-up was refused; the message is one line for the operator. */
  public static final class StartRefusedException extends RuntimeException {
    @java.io.Serial private static final long serialVersionUID = 1L;

    StartRefusedException(String message) {
      super(message, null, false, false);
    }
  }

  /** The parsed command line. */
  private record Arguments(Optional<Path> configFile, Map<String, String> settings) {
    static Arguments parse(List<String> args) {
      Map<String, String> settings = new LinkedHashMap<>();
      Optional<Path> config = Optional.empty();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        switch (arg) {
          case "--http" -> settings.put("http", "true");
          case "--listen", "--data", "--config" -> {
            if (i + 1 >= args.size()) {
              throw new StartRefusedException(arg + " needs a value");
            }
            String value = args.get(++i);
            if (arg.equals("--config")) {
              config = Optional.of(Path.of(value));
            } else {
              settings.put(arg.substring(2), value);
            }
          }
          default -> throw new StartRefusedException("unknown argument " + arg
              + " (usage: [--listen HOST:PORT] [--data DIR] [--config FILE] [--http])");
        }
      }
      return new Arguments(config, settings);
    }
  }
}
