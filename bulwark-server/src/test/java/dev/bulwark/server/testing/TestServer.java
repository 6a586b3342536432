package dev.bulwark.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.auth.apikey.ApiKeys;
import dev.bulwark.auth.jwt.JwtClaims;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.tokens.SecureTokens;
import dev.bulwark.server.BulwarkServer;
import dev.bulwark.server.ServerServices;
import dev.bulwark.server.config.ConfigLoader;
import dev.bulwark.server.config.ServerConfig;
import dev.bulwark.server.http.ApiModule;
import dev.bulwark.server.http.Scope;
import dev.bulwark.server.keys.JwtKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real Bulwark server for end-to-end tests: HTTPS on a random loopback port, a fresh temporary
 * data directory (SQLite, generated root key and certificate), and an {@link HttpClient} that trusts
 * exactly that certificate. Close it (try-with-resources or {@code @AfterEach}) to stop the server
 * and delete the directory.
 *
 * {@snippet :
 * try (TestServer server = TestServer.builder()
 *     .module(services -> new SecretsModule(services))        // modules beyond ServerAssembly's
 *     .setting("ratelimit.credential_per_minute", "3")         // any ConfigLoader setting
 *     .start()) {
 *   String token = server.accessToken("acct-1", "sess-1", Scope.SECRETS_READ);
 *   TestServer.Response r = server.get("/v1/secrets/a", token);
 *   assertThat(r.status()).isEqualTo(200);
 *   assertThat(r.json().get("value").asText()).isEqualTo("x");
 * }
 * }
 *
 * <p>Settings are the dotted names of {@code docs/server.md}; {@code listen} defaults to {@code
 * 127.0.0.1:0} and {@code data} to the temporary directory. Thread-safe once started.
 */
public final class TestServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BulwarkServer server;
  private final Path dataDir;
  private final boolean ownsDataDir;
  private final HttpClient client;

  /**
   * What came back.
   *
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the body as text
   */
  public record Response(int status, HttpHeaders headers, String body) {
    /** The body parsed as JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("the body is not JSON: " + body, e);
      }
    }

    /** The first value of header {@code name}, if present. */
    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  private TestServer(BulwarkServer server, Path dataDir, boolean ownsDataDir) {
    this.server = server;
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.client = server.certificateFingerprint().isPresent() ? trustingClient(dataDir.resolve("tls/cert.pem"))
        : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** A builder with no extra modules and default settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** A started server with default settings and only the modules of {@code ServerAssembly}. */
  public static TestServer start() {
    return builder().start();
  }

  /** The running server. */
  public BulwarkServer server() {
    return server;
  }

  /** The services modules were given (database, clock, signer...). */
  public ServerServices services() {
    return server.services();
  }

  /** {@code https://127.0.0.1:PORT}. */
  public String baseUrl() {
    return server.baseUrl();
  }

  /** The data directory. */
  public Path dataDir() {
    return dataDir;
  }

  /** The client that trusts exactly this server's certificate. */
  public HttpClient client() {
    return client;
  }

  /** GET {@code path}; {@code bearer} may be null. */
  public Response get(String path, String bearer) {
    return send("GET", path, null, bearer, Map.of());
  }

  /** POST {@code json} (may be null) to {@code path} as {@code application/json}. */
  public Response post(String path, String json, String bearer) {
    return send("POST", path, json, bearer, Map.of());
  }

  /** PUT {@code json} to {@code path} as {@code application/json}. */
  public Response put(String path, String json, String bearer) {
    return send("PUT", path, json, bearer, Map.of());
  }

  /** DELETE {@code path}. */
  public Response delete(String path, String bearer) {
    return send("DELETE", path, null, bearer, Map.of());
  }

  /**
   * Any request. A JSON body gets {@code Content-Type: application/json} unless {@code headers}
   * sets another.
   */
  public Response send(String method, String path, String body, String bearer, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    Map<String, String> all = new LinkedHashMap<>();
    if (body != null) {
      all.put("Content-Type", "application/json");
    }
    if (bearer != null) {
      all.put("Authorization", "Bearer " + bearer);
    }
    all.putAll(headers);
    all.forEach(request::header);
    try {
      HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A valid 5-minute access token for {@code accountId}, session {@code sessionId}, holding {@code scopes}. */
  public String accessToken(String accountId, String sessionId, Scope... scopes) {
    dev.bulwark.server.sessions.TestSessions.ensure(services().database(), services().clock(), accountId, sessionId);
    Instant now = services().clock().instant();
    JwtClaims.Builder claims = JwtClaims.builder().issuer(JwtKeys.ISSUER).audience(JwtKeys.AUDIENCE).subject(accountId)
        .issuedAt(now).expiresAt(now.plus(JwtKeys.ACCESS_TOKEN_LIFETIME)).jwtId(SecureTokens.system().urlSafe(16))
        .claim("sid", sessionId);
    if (scopes.length > 0) {
      claims.scopes(Arrays.stream(scopes).map(Scope::wireName).toArray(String[]::new));
    }
    try {
      return services().jwtSigner().sign(claims.build());
    } catch (CryptoException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh API key for {@code owner} holding {@code scopes} (stored in the server's table). */
  public String apiKey(String owner, Scope... scopes) {
    Set<String> names = Set.copyOf(Arrays.stream(scopes).map(Scope::wireName).toList());
    return ApiKeys.create(services().apiKeyStore()).issue(owner, names, Optional.empty()).key().insecureValue();
  }

  @Override
  public void close() {
    server.close();
    if (ownsDataDir) {
      deleteTree(dataDir);
    }
  }

  /** An SSL context that trusts exactly this server's certificate (raw TLS tests). */
  public SSLContext sslContext() {
    return trusting(dataDir.resolve("tls/cert.pem"));
  }

  private static HttpClient trustingClient(Path certificate) {
    return HttpClient.newBuilder().sslContext(trusting(certificate)).connectTimeout(Duration.ofSeconds(10)).build();
  }

  private static SSLContext trusting(Path certificate) {
    try (InputStream in = Files.newInputStream(certificate)) {
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("bulwark", cert);
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust the test server's certificate", e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Modules, settings and environment for a {@link TestServer}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> settings = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private final List<Function<ServerServices, ApiModule>> modules = new java.util.ArrayList<>();
    private Path dataDir;

    private Builder() {
      settings.put("listen", "127.0.0.1:0");
    }

    /** Registers a module built from the server's services. */
    public Builder module(Function<ServerServices, ApiModule> module) {
      modules.add(module);
      return this;
    }

    /** Registers a ready module. */
    public Builder module(ApiModule module) {
      return module(services -> module);
    }

    /** Sets a configuration setting by its dotted name ({@code ratelimit.credential_per_minute}). */
    public Builder setting(String name, String value) {
      settings.put(name, value);
      return this;
    }

    /** Sets an environment variable the server sees ({@code BULWARK_ROOT_KEY}). */
    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /** Uses {@code dir} as the data directory and leaves it in place on close (restart tests). */
    public Builder dataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /** Starts the server. */
    public TestServer start() {
      boolean owns = dataDir == null;
      Path dir;
      try {
        dir = owns ? Files.createTempDirectory("bulwark-test-") : dataDir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Map<String, String> all = new HashMap<>(settings);
      all.putIfAbsent("data", dir.toString());
      ServerConfig config = ConfigLoader.load(Optional.empty(), environment, all);
      BulwarkServer.Builder builder = BulwarkServer.builder(config).environment(environment);
      modules.forEach(builder::extraModule);
      try {
        return new TestServer(builder.build().start(), dir, owns);
      } catch (RuntimeException e) {
        if (owns) {
          deleteTree(dir);
        }
        throw e;
      }
    }
  }
}
