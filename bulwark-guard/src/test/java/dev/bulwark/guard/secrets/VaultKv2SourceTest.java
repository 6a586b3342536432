package dev.bulwark.guard.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a local server that answers as Vault's KV v2 API documents
 * (https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2#read-secret-version): the read
 * response shape, 404 for an unknown path, 403 with {@code errors}, 503 when sealed.
 */
class VaultKv2SourceTest {
  /** What the server does with the next request. */
  private interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final AtomicReference<Handler> handler = new AtomicReference<>();
  private final List<String> seenTokens = new CopyOnWriteArrayList<>();
  private final List<String> seenPaths = new CopyOnWriteArrayList<>();
  private final List<String> seenNamespaces = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private Secret token;
  private String tokenText;

  @BeforeEach
  void start() throws IOException {
    byte[] random = new byte[12];
    new java.security.SecureRandom().nextBytes(random);
    tokenText = "hvs." + HexFormat.of().formatHex(random);
    token = Secret.of(tokenText);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> {
      seenTokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Vault-Token")));
      seenPaths.add(exchange.getRequestURI().getRawPath());
      String namespace = exchange.getRequestHeaders().getFirst("X-Vault-Namespace");
      if (namespace != null) {
        seenNamespaces.add(namespace);
      }
      try (exchange) {
        handler.get().handle(exchange);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI address() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private VaultKv2Source source() {
    return VaultKv2Source.builder(address(), token).mount("secret").path("myapp/prod")
        .timeout(Duration.ofSeconds(2)).insecurePlainHttpToLoopbackForTests().build();
  }

  private void answer(int status, String json) {
    handler.set(exchange -> {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
  }

  private static final String READ_RESPONSE = """
      {"request_id":"a5d3c4b0-1b55-5ce6-0f6a-6e4a1dc35f2e","lease_id":"","renewable":false,
       "lease_duration":0,
       "data":{"data":{"DB_PASSWORD":"pg-value","API_TOKEN":"tok-value","bad name":"x"},
               "metadata":{"created_time":"2026-11-23T10:00:00.000Z","custom_metadata":null,
                           "deletion_time":"","destroyed":false,"version":3}},
       "wrap_info":null,"warnings":null,"auth":null}""";

  @Test
  void read_sendsTheTokenToTheDataPath_andReturnsEachKey() throws SecretsException {
    answer(200, READ_RESPONSE);
    VaultKv2Source vault = VaultKv2Source.builder(address(), token).mount("kv").path("team/app").namespace("ns1")
        .insecurePlainHttpToLoopbackForTests().build();
    assertThat(vault.find("DB_PASSWORD").orElseThrow().insecureValue()).isEqualTo("pg-value");
    assertThat(vault.find("API_TOKEN").orElseThrow().insecureValue()).isEqualTo("tok-value");
    assertThat(vault.find("ABSENT")).isEmpty();
    assertThat(seenPaths).containsExactly("/v1/kv/data/team/app"); // read once, then cached
    assertThat(seenTokens).containsExactly(tokenText);
    assertThat(seenNamespaces).containsExactly("ns1");
    assertThat(vault.description()).contains("127.0.0.1").contains("kv/team/app").doesNotContain(tokenText);
  }

  @Test
  void unknownPath404_meansNotHere() throws SecretsException {
    answer(404, "{\"errors\":[]}");
    assertThat(source().find("DB_PASSWORD")).isEmpty();
  }

  @Test
  void softDeletedLatestVersion_meansNotHere() throws SecretsException {
    answer(404, """
        {"data":{"data":null,"metadata":{"created_time":"2026-11-23T10:00:00Z",
        "deletion_time":"2026-11-23T11:00:00Z","destroyed":false,"version":2}}}""");
    assertThat(source().find("DB_PASSWORD")).isEmpty();
    answer(200, "{\"data\":{\"data\":null,\"metadata\":{\"version\":2}}}");
    assertThat(source().find("DB_PASSWORD")).isEmpty();
  }

  @Test
  void permissionDenied403_failsWithAHintAndWithoutTheToken() {
    answer(403, "{\"errors\":[\"1 error occurred:\\n\\t* permission denied\\n\\n\"]}");
    assertThatThrownBy(() -> source().find("DB_PASSWORD")).isInstanceOf(SecretsException.class)
        .hasMessageContaining("permission denied (HTTP 403)").hasMessageContaining("policy")
        .hasMessageNotContaining(tokenText);
  }

  @Test
  void sealedVault503_andOtherStatuses_fail() {
    answer(503, "{\"errors\":[\"Vault is sealed\"]}");
    assertThatThrownBy(() -> source().find("A")).isInstanceOf(SecretsException.class).hasMessageContaining("sealed");
    answer(500, "{\"errors\":[\"internal error\"]}");
    assertThatThrownBy(() -> source().find("A")).isInstanceOf(SecretsException.class).hasMessageContaining("HTTP status 500");
  }

  @Test
  void malformedResponses_fail() {
    for (String body : new String[] {"not json", "{\"data\":{\"data\":{\"A\":\"1\"}}} trailing",
        "{\"data\":{\"data\":{\"A\":\"1\",\"A\":\"2\"}}}", "{\"data\":{\"data\":[1,2]}}",
        "{\"data\":{\"data\":{\"A\":{\"nested\":true}}}}", "{\"data\":{\"data\":{\"A\":12}}}", "[" .repeat(100)}) {
      answer(200, body);
      assertThatThrownBy(() -> source().find("A")).as(body).isInstanceOf(SecretsException.class)
          .hasMessageNotContaining(tokenText);
    }
  }

  @Test
  void oversizedResponse_isRefused() {
    answer(200, "{\"data\":{\"data\":{\"A\":\"" + "x".repeat(VaultKv2Source.MAX_RESPONSE_BYTES) + "\"}}}");
    assertThatThrownBy(() -> source().find("A")).isInstanceOf(SecretsException.class).hasMessageContaining("larger");
  }

  @Test
  void slowServer_timesOut() {
    handler.set(exchange -> {
      try {
        Thread.sleep(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    VaultKv2Source vault = VaultKv2Source.builder(address(), token).path("app").timeout(Duration.ofMillis(300))
        .insecurePlainHttpToLoopbackForTests().build();
    long start = System.nanoTime();
    assertThatThrownBy(() -> vault.find("A")).isInstanceOf(SecretsException.class).hasMessageContaining("no answer within 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void redirect_isNotFollowed_soTheTokenStaysHere() throws IOException {
    HttpServer elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    List<String> leaked = new CopyOnWriteArrayList<>();
    elsewhere.createContext("/", exchange -> {
      leaked.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Vault-Token")));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    elsewhere.start();
    try {
      handler.set(exchange -> {
        exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/steal");
        exchange.sendResponseHeaders(307, -1);
      });
      assertThatThrownBy(() -> source().find("A")).isInstanceOf(SecretsException.class).hasMessageContaining("307");
      assertThat(leaked).isEmpty();
    } finally {
      elsewhere.stop(0);
    }
  }

  @Test
  void unreachableServer_fails() {
    server.stop(0);
    assertThatThrownBy(() -> source().find("A")).isInstanceOf(SecretsException.class).hasMessageContaining("cannot connect");
  }

  @Test
  void plainHttp_isRefusedWithoutTheOptOut_andToAnyNonLoopbackHost() {
    assertThatThrownBy(() -> VaultKv2Source.builder(address(), token).path("app").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://");
    assertThatThrownBy(() -> VaultKv2Source.builder(URI.create("http://vault.example:8200"), token).path("app")
        .insecurePlainHttpToLoopbackForTests().build()).isInstanceOf(IllegalArgumentException.class);
    assertThat(VaultKv2Source.builder(URI.create("https://vault.example:8200"), token).path("app").build()
        .description()).startsWith("Vault KV v2 https://vault.example:8200");
  }

  @Test
  void badAddressesPathsAndTimeouts_areApiMisuse() {
    for (String address : new String[] {"https://user:pw@vault:8200", "https://vault:8200/v1", "https://vault?x=1",
        "ftp://vault", "vault:8200", "/relative"}) {
      assertThatThrownBy(() -> VaultKv2Source.builder(URI.create(address), token)).as(address)
          .isInstanceOf(IllegalArgumentException.class);
    }
    VaultKv2Source.Builder builder = VaultKv2Source.builder(URI.create("https://vault:8200"), token);
    for (String path : new String[] {"../sys/seal", "a/../b", "a//b", "/a", "a/", "a b", "a?b", "a#b", "%2e%2e", ".x"}) {
      assertThatThrownBy(() -> builder.path(path)).as(path).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path");
    assertThatThrownBy(() -> builder.timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.connectTimeout(Duration.ofMinutes(2))).isInstanceOf(IllegalArgumentException.class);
  }
}
