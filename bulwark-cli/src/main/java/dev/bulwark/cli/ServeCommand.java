package dev.bulwark.cli;

import dev.bulwark.server.BulwarkServer;
import dev.bulwark.server.ServerMain;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bulwark serve}: the Bulwark service. With no configuration it serves HTTPS on
 * 127.0.0.1:8443 with a self-signed certificate made on first start (its fingerprint printed), an
 * SQLite database and a generated root key under {@code ./data}. Settings come from {@code --config
 * FILE} (YAML), {@code BULWARK_*} variables and these flags, in that order of precedence (see
 * docs/server.md). A refused configuration exits 2 with one line naming the setting.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the Bulwark service (HTTPS on 127.0.0.1:8443 by default; see docs/server.md).")
public final class ServeCommand implements java.util.concurrent.Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Address to bind (default 127.0.0.1:8443).")
  String listen;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default ./data).")
  Path data;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
  Path config;

  @Option(names = "--http", description = "Serve plain HTTP instead of HTTPS: loopback addresses only (behind a local TLS proxy).")
  boolean http;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> settings = new LinkedHashMap<>();
    if (listen != null) {
      settings.put("listen", listen);
    }
    if (data != null) {
      settings.put("data", data.toString());
    }
    if (http) {
      settings.put("http", "true");
    }
    PrintWriter out = spec.commandLine().getOut();
    BulwarkServer server;
    try {
      server = ServerMain.start(Optional.ofNullable(config), settings, System.getenv(), line -> {
        out.println(line);
        out.flush();
      });
    } catch (ServerMain.StartRefusedException e) {
      throw CliException.usage(e.getMessage());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bulwark-shutdown"));
    server.awaitStop();
    return Main.OK;
  }
}
