package dev.bulwark.cli;

import dev.bulwark.server.accounts.Enrolment;
import dev.bulwark.server.config.ConfigException;
import dev.bulwark.server.config.ConfigLoader;
import dev.bulwark.server.config.ServerConfig;
import dev.bulwark.server.storage.Database;
import dev.bulwark.server.storage.StorageException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark admin}: operator tasks on a server's data, run on the server's host. {@code admin
 * enrol} issues a new single-use administrator enrolment token (there is no default admin password
 * anywhere): register with it as {@code enrolment_token} and the new account is an administrator.
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Operator tasks on a Bulwark server's database.")
public final class AdminCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "choose enrol (see --help)");
  }

  @Command(
      name = "enrol",
      mixinStandardHelpOptions = true,
      description = {
        "Print a new administrator enrolment token (single use, valid " + Enrolment.TTL_HOURS + " hours).",
        "Register with it as enrolment_token: POST /v1/accounts. Only its SHA-256 is stored."
      })
  int enrol(
      @Option(names = "--data", paramLabel = "DIR", required = true,
          description = "The server's data directory (the SQLite database lives there).") Path data,
      @Option(names = "--config", paramLabel = "FILE",
          description = "The server's YAML configuration (for a PostgreSQL database).") Path config) {
    ServerConfig settings;
    try {
      settings = ConfigLoader.load(Optional.ofNullable(config), System.getenv(), Map.of("data", data.toString()));
    } catch (ConfigException e) {
      throw CliException.usage(e.getMessage());
    }
    try (Database database = open(settings)) {
      String token = Enrolment.create(database, Clock.systemUTC()).issue();
      spec.commandLine().getOut().println(token);
      spec.commandLine().getErr().println("admin enrol: single use, expires in " + Enrolment.TTL_HOURS
          + " h; register with it as enrolment_token");
      return Main.OK;
    } catch (StorageException e) {
      throw CliException.usage("cannot open or migrate the server's database (is the data directory or the"
          + " database setting right?)");
    }
  }

  private static Database open(ServerConfig settings) {
    return settings.database().url()
        .map(url -> Database.postgresql(url, settings.database().user(), settings.database().password(),
            settings.database().schema()))
        .orElseGet(() -> Database.sqlite(settings.dataDir().toAbsolutePath().resolve("bulwark.db")));
  }
}
