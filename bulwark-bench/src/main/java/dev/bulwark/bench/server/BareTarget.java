package dev.bulwark.bench.server;

import dev.bulwark.server.tls.TlsConnectors;
import dev.bulwark.server.tls.TlsIdentity;
import dev.bulwark.server.tls.TlsFiles;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Target B: a bare Javalin 7 application on the same Jetty, the same TLS connector settings and the
 * same certificate as the Bulwark server, on virtual threads, with one route {@code GET
 * /v1/secrets/<path>} that answers the captured Bulwark response (same status, headers and body)
 * with no authentication, no database and no decryption: the ceiling the server is compared with.
 *
 * <p>{@link ServerCompare} runs it in a JVM of its own ({@link #main}): in the servers' JVM the two
 * applications shared Jetty's and Javalin's classes, so each one's traffic kept deoptimising the
 * code the other had just had compiled (JFR: 2 to 12 s of C2 time in every 20-second window after
 * a switch of target), which measured the JIT more than either server.
 *
 * <p>Listens on 127.0.0.1 on a free port. Thread-safe once started; {@link #close()} stops it.
 */
public final class BareTarget implements AutoCloseable {
  /**
   * JVM property: Jetty's header cache size for B (unset: Jetty's default, what a bare Javalin
   * application gets). The Bulwark server sets 0. ServerCompare starts B with its own JVM options,
   * so {@code BULWARK_SERVER_JVM="-Dbulwark.bench.bare.headerCacheSize=0"} reaches B.
   */
  public static final String HEADER_CACHE_PROPERTY = "bulwark.bench.bare.headerCacheSize";

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
        // Diagnostic only (docs/benchmarks.md): B keeps Jetty's default header cache, as a bare
        // Javalin application does; this property gives it the server's setting (0, off) to see
        // how much of B's cost is that cache.
        Integer headerCache = Integer.getInteger(HEADER_CACHE_PROPERTY);
        if (headerCache != null) {
          http.setHeaderCacheSize(headerCache);
        }
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

  /**
   * Runs the bare target in this JVM until standard input closes: {@code BareTarget DATA_DIR
   * ANSWER_FILE}, where {@code DATA_DIR} holds the Bulwark server's generated certificate and
   * {@code ANSWER_FILE} a {@link CapturedResponse#writeTo} file. Prints {@code bare <url> <pid>}
   * once listening.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: BareTarget DATA_DIR ANSWER_FILE");
    }
    TlsIdentity identity = TlsFiles.load(Optional.empty(), Optional.empty(), Path.of(args[0]), Clock.systemUTC());
    try (BareTarget bare = start(identity, CapturedResponse.readFrom(Path.of(args[1])))) {
      System.out.println("bare " + bare.baseUrl() + " " + ProcessHandle.current().pid());
      System.out.flush();
      // The parent keeps standard input open for as long as it wants the target.
      System.in.transferTo(OutputStream.nullOutputStream());
    }
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
