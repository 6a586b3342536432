package dev.bulwark.bench.server;

import dev.bulwark.server.tls.TlsConnectors;
import dev.bulwark.server.tls.TlsIdentity;
import io.javalin.Javalin;
import java.util.Map;
import java.util.Objects;

/**
 * Target B: a bare Javalin 7 application on the same Jetty, the same TLS connector settings and the
 * same certificate as the Bulwark server, on virtual threads, with one route {@code GET
 * /v1/secrets/<path>} that answers the captured Bulwark response (same status, headers and body)
 * with no authentication, no database and no decryption: the ceiling the server is compared with.
 *
 * <p>Listens on 127.0.0.1 on a free port. Thread-safe once started; {@link #close()} stops it.
 */
public final class BareTarget implements AutoCloseable {
  private final Javalin app;

  private BareTarget(Javalin app) {
    this.app = app;
  }

  /** Starts the bare application serving {@code answer} with {@code identity}'s certificate. */
  public static BareTarget start(TlsIdentity identity, CapturedResponse answer) {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(answer, "answer");
    Javalin app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      c.startup.showOldJavalinVersionWarning = false;
      c.concurrency.useVirtualThreads = true;
      c.jetty.modifyHttpConfiguration(http -> {
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
      });
      c.jetty.addConnector((server, http) -> TlsConnectors.https(server, http, identity, "127.0.0.1", 0));
      c.routes.get("/v1/secrets/<path>", ctx -> {
        ctx.status(answer.status());
        for (Map.Entry<String, String> h : answer.headers()) {
          ctx.header(h.getKey(), h.getValue());
        }
        ctx.result(answer.body());
      });
    });
    app.start();
    return new BareTarget(app);
  }

  /** {@code https://127.0.0.1:port}. */
  public String baseUrl() {
    return "https://127.0.0.1:" + app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
