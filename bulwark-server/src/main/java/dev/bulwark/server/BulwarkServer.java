package dev.bulwark.server;

import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bulwark.auth.apikey.ApiKeyStore;
import dev.bulwark.auth.apikey.ApiKeys;
import dev.bulwark.auth.apikey.JdbcApiKeyStore;
import dev.bulwark.auth.ratelimit.RateLimitBackend;
import dev.bulwark.auth.ratelimit.RateLimitBackends;
import dev.bulwark.crypto.tokens.SecureTokens;
import dev.bulwark.guard.Limits;
import dev.bulwark.guard.json.HardenedJson;
import dev.bulwark.server.config.ConfigException;
import dev.bulwark.server.config.ServerConfig;
import dev.bulwark.server.http.ApiModule;
import dev.bulwark.server.http.ApiRoute;
import dev.bulwark.server.http.Authenticator;
import dev.bulwark.server.http.ClientAddresses;
import dev.bulwark.server.http.CoreRoutes;
import dev.bulwark.server.http.HttpPipeline;
import dev.bulwark.server.http.JettyErrors;
import dev.bulwark.server.http.RateLimits;
import dev.bulwark.server.http.RedisBudgets;
import dev.bulwark.server.http.RequestGuards;
import dev.bulwark.server.http.RouteRegistrar;
import dev.bulwark.server.keys.JwtKeys;
import dev.bulwark.server.keys.RootKey;
import dev.bulwark.server.metrics.RequestMetrics;
import dev.bulwark.server.storage.Database;
import dev.bulwark.server.tls.TlsConnectors;
import dev.bulwark.server.tls.TlsFiles;
import dev.bulwark.server.tls.TlsIdentity;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Bulwark service: HTTPS (or, on loopback only, HTTP) on Javalin/Jetty with virtual threads,
 * the root key, the database, the JWT keys, the capability modules of {@link ServerAssembly}, and
 * the request pipeline every route runs in (security headers, method-override refusal, rate limits,
 * authentication, scopes, body caps, fail-closed errors).
 *
 * {@snippet :
 * ServerConfig config = ConfigLoader.load(Optional.empty(), System.getenv(), Map.of());
 * try (BulwarkServer server = BulwarkServer.builder(config).environment(System.getenv()).build().start()) {
 *   System.out.println(server.baseUrl() + " " + server.certificateFingerprint().orElse("(http)"));
 *   server.awaitStop();
 * }
 * }
 *
 * <p>Start-up fails closed: a bad root key, an unreadable certificate, an unreachable database or a
 * failed migration stops it with an exception naming the cause, and nothing is left listening.
 * {@link #close()} stops accepting, lets in-flight requests finish (up to 10 seconds), then closes
 * what start-up opened in reverse order: the capability modules that hold resources (last built
 * first; the data-key rotation workers stop), the audit trail (a final signed checkpoint), the
 * shared rate-limit connection, the database pool, and last the root key (destroyed). A failing
 * close is logged without its message and the rest are still closed. Thread-safe.
 */
public final class BulwarkServer implements AutoCloseable {
  private static final long STOP_TIMEOUT_MILLIS = 10_000;
  /** The per-response copy buffer Javalin allocates (see the Javalin configuration below). */
  private static final int RESPONSE_COPY_BUFFER_BYTES = 4096;

  private final Builder settings;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final Object lifecycle = new Object();
  private volatile Javalin app;
  private volatile ServerServices services;
  private volatile JwtKeys jwtKeys;
  private volatile List<ApiRoute> routes = List.of();
  private volatile Optional<String> fingerprint = Optional.empty();
  private volatile List<String> notices = List.of();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private BulwarkServer(Builder settings) {
    this.settings = settings;
  }

  /** A builder for a server on {@code config}. */
  public static Builder builder(ServerConfig config) {
    return new Builder(config);
  }

  /**
   * Starts the server: opens the keys and the database, builds the modules, binds the port.
   *
   * @return this server, listening
   * @throws ConfigException, RootKeyException, TlsSetupException, StorageException naming the cause
   * @throws IllegalStateException if already started
   */
  public BulwarkServer start() {
    synchronized (lifecycle) {
      if (app != null) {
        throw new IllegalStateException("already started");
      }
      boolean started = false;
      try {
        doStart();
        started = true;
      } finally {
        if (!started) {
          close();
        }
      }
      return this;
    }
  }

  private void doStart() {
    ServerConfig config = settings.config;
    Path dataDir = config.dataDir().toAbsolutePath();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new ConfigException("data", "the data directory cannot be created");
    }
    RootKey root = RootKey.load(config.rootKeyFile(), dataDir, settings.environment, settings.console);
    resources.add(root);
    Database database = config.database().url()
        .map(url -> Database.postgresql(url, config.database().user(), config.database().password(), config.database().schema()))
        .orElseGet(() -> Database.sqlite(dataDir.resolve("bulwark.db")));
    resources.add(database);
    jwtKeys = JwtKeys.loadOrCreate(database, root.aead(), settings.clock);
    JsonMapper json = HardenedJson.mapper(Limits.defaults().withMaxDocumentBytes(config.maxBodyBytes()));
    // Jackson's default buffer pool is per thread, and every request here runs on a fresh virtual
    // thread: each response then allocated new 8-16 KB read/write buffers (a third of the bytes a
    // secret read allocated). A pool shared by the server's requests reuses them; Jackson overwrites
    // a buffer before it reads from it, as it does on the platform threads its default was made for.
    json.getFactory().setRecyclerPool(JsonRecyclerPools.newConcurrentDequePool());
    ApiKeyStore apiKeyStore = JdbcApiKeyStore.create(database.dataSource(), "api_keys");
    ServerHooks hooks = new ServerHooks();
    services = new ServerServices(database, settings.clock, root.aead(), jwtKeys.signer(), jwtKeys.verifier(),
        hooks.auditTrail(), config, dataDir, json, apiKeyStore, hooks);
    List<ApiModule> modules = new ArrayList<>();
    boolean auditRegistered = false;
    for (Function<ServerServices, ApiModule> factory : settings.modules()) {
      ApiModule module = factory.apply(services);
      modules.add(module);
      // Registered in start order, closed in reverse: a module closes before what it uses (the audit
      // trail a module installed, the database, the root key).
      if (!auditRegistered && hooks.installedAuditTrail().isPresent()) {
        auditRegistered = true;
        if (hooks.installedAuditTrail().get() instanceof AutoCloseable trail) {
          resources.add(trail);
        }
      }
      if (module instanceof AutoCloseable closeable) {
        resources.add(closeable);
      }
    }
    Optional<TlsIdentity> tls = config.tls()
        ? Optional.of(TlsFiles.load(config.tlsCertFile(), config.tlsKeyFile(), dataDir, settings.clock))
        : Optional.empty();
    fingerprint = tls.map(TlsIdentity::sha256Fingerprint);
    RateLimitBackend budgets = RateLimitBackends.local();
    if (config.redisUrl().isPresent()) {
      RedisBudgets shared = RedisBudgets.connect(config.redisUrl().get(), config.redisKeyPrefix());
      resources.add(shared);
      budgets = shared.backend();
    }
    RateLimits rateLimits = new RateLimits(config.rateLimits(), budgets);
    Authenticator authenticator = new Authenticator(ApiKeys.create(apiKeyStore, settings.clock, SecureTokens.system()),
        jwtKeys.verifier(), hooks.sessionLiveness(), settings.clock);
    RequestGuards guards = new RequestGuards(new ClientAddresses(config.trustedProxies()), rateLimits, authenticator,
        config.maxBodyBytes(), config.maxUploadBytes());
    RouteRegistrar registrar = new RouteRegistrar(guards);
    RequestMetrics metrics = new RequestMetrics();
    CoreRoutes.addTo(registrar, jwtKeys::publicJwks, database::isReachable, metrics, json, version());
    modules.forEach(registrar::add);
    routes = registrar.routes();
    HttpPipeline pipeline = new HttpPipeline(config.tls(), config.maxBodyBytes(), config.corsOrigins(), metrics);
    Javalin javalin = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      c.startup.showOldJavalinVersionWarning = false;
      c.concurrency.useVirtualThreads = true;
      c.http.maxRequestSize = config.maxBodyBytes();
      // Javalin copies every result into Jetty's output through a buffer of this size, allocated per
      // response; left unset it takes Jetty's 32 KB output buffer size, for answers that are mostly
      // a few hundred bytes. Jetty still aggregates the copied chunks in its own output buffer.
      c.http.responseBufferSize = RESPONSE_COPY_BUFFER_BYTES;
      c.http.prefer405over404 = true;
      c.http.defaultContentType = "application/json";
      // No response compression: compressing a body that holds a secret next to anything an attacker
      // can influence leaks the secret through the compressed length over TLS (BREACH). It also
      // saves Javalin's per-response Accept-Encoding negotiation (docs/server.md, "No response compression").
      c.http.compressionStrategy = CompressionStrategy.NONE;
      c.jsonMapper(new JavalinJackson(json, false));
      c.jetty.modifyServer(server -> {
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        server.setErrorHandler(new JettyErrors(config.tls()));
      });
      c.jetty.modifyHttpConfiguration(http -> {
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Jetty's per-connection header cache keeps whole header lines a connection repeats and, on
        // every request, walks each incoming line through that trie byte by byte: with a bearer
        // token of several hundred characters on every request, the walk costs more than parsing
        // the line afresh (14% of the server's CPU in a profile of authenticated reads).
        http.setHeaderCacheSize(0);
      });
      c.jetty.addConnector((server, http) -> tls
          .map(identity -> TlsConnectors.https(server, http, identity, config.listenHost(), config.listenPort()))
          .orElseGet(() -> TlsConnectors.plain(server, http, config.listenHost(), config.listenPort())));
      pipeline.install(c);
      registrar.registerInto(c.routes);
    });
    app = javalin;
    javalin.start();
    notices = hooks.startupNotices();
  }

  /** The bound port (the real one when the configuration asked for port 0). */
  public int port() {
    return requireStarted().port();
  }

  /** {@code https://host:port} (or {@code http://} with {@code --http}). */
  public String baseUrl() {
    ServerConfig config = settings.config;
    String host = config.listenHost().contains(":") ? "[" + config.listenHost() + "]" : config.listenHost();
    return (config.tls() ? "https://" : "http://") + host + ":" + port();
  }

  /** The SHA-256 fingerprint of the served certificate; empty for plain HTTP. */
  public Optional<String> certificateFingerprint() {
    return fingerprint;
  }

  /** Lines modules asked to print on start (the first-start enrolment token). */
  public List<String> startupNotices() {
    return List.copyOf(notices);
  }

  /** The services handed to modules (tests use them to reach the database or mint tokens). */
  public ServerServices services() {
    return Objects.requireNonNull(services, "not started");
  }

  /** The access-token keys (signer, verifier, JWKS). */
  public JwtKeys jwtKeys() {
    return Objects.requireNonNull(jwtKeys, "not started");
  }

  /** Every registered route, core routes first (what {@code /openapi.json} documents). */
  public List<ApiRoute> routes() {
    return List.copyOf(routes);
  }

  /** The running Javalin application (for tests that inspect its router). */
  public Javalin javalin() {
    return requireStarted();
  }

  /** Blocks until the server stops (the CLI calls it after {@link #start()}). */
  public void awaitStop() throws InterruptedException {
    requireStarted();
    stopped.await();
  }

  private Javalin requireStarted() {
    Javalin current = app;
    if (current == null) {
      throw new IllegalStateException("not started");
    }
    return current;
  }

  /** Stops gracefully, then closes the database and destroys the root key. Idempotent. */
  @Override
  public void close() {
    synchronized (lifecycle) {
      closeResources();
    }
  }

  private void closeResources() {
    Javalin current = app;
    app = null;
    if (current != null) {
      current.stop();
    }
    closeInReverse(resources);
    resources.clear();
    stopped.countDown();
  }

  /**
   * Closes {@code started} last to first, each whatever the others did. A failure is logged by the
   * resource's type and the exception's type only: a message can carry a URL with a password or a
   * path, and a stack trace the same in its causes.
   *
   * @return how many closes failed
   */
  static int closeInReverse(List<? extends AutoCloseable> started) {
    int failed = 0;
    for (int i = started.size() - 1; i >= 0; i--) {
      AutoCloseable resource = started.get(i);
      try {
        resource.close();
      } catch (Exception e) {
        failed++;
        org.slf4j.LoggerFactory.getLogger(BulwarkServer.class).warn("closing {} on stop failed ({}); the others are still closed",
            resource.getClass().getSimpleName(), e.getClass().getName());
      }
    }
    return failed;
  }

  static String version() {
    return Objects.requireNonNullElse(BulwarkServer.class.getPackage().getImplementationVersion(), "0.1.0-SNAPSHOT");
  }

  /** Settings of a {@link BulwarkServer} beyond its configuration. Not thread-safe. */
  public static final class Builder {
    private final ServerConfig config;
    private Map<String, String> environment = Map.of();
    private Clock clock = Clock.systemUTC();
    private Consumer<String> console = line -> { };
    private final List<Function<ServerServices, ApiModule>> extraModules = new ArrayList<>();

    private Builder(ServerConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The environment ({@code BULWARK_ROOT_KEY} is read from it); none by default. */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** The clock (tests inject one). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where start-up warnings go (the root-key warning); discarded by default. */
    public Builder console(Consumer<String> console) {
      this.console = Objects.requireNonNull(console, "console");
      return this;
    }

    /** A module to register after those of {@link ServerAssembly} (tests). */
    public Builder extraModule(Function<ServerServices, ApiModule> module) {
      extraModules.add(Objects.requireNonNull(module, "module"));
      return this;
    }

    List<Function<ServerServices, ApiModule>> modules() {
      List<Function<ServerServices, ApiModule>> all = new ArrayList<>(ServerAssembly.capabilities());
      all.addAll(extraModules);
      return all;
    }

    /** The server, not yet started. */
    public BulwarkServer build() {
      return new BulwarkServer(this);
    }
  }
}
