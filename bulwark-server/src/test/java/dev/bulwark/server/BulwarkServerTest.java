package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.tokens.SecureTokens;
import dev.bulwark.server.http.Access;
import dev.bulwark.server.http.ApiModule;
import dev.bulwark.server.http.ApiRoute;
import dev.bulwark.server.http.Principal;
import dev.bulwark.server.http.RateClass;
import dev.bulwark.server.http.Scope;
import dev.bulwark.server.keys.RootKeyException;
import dev.bulwark.server.testing.TestServer;
import dev.bulwark.testkit.Requirements;
import io.javalin.http.HandlerType;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled server across restarts, root keys and both databases. */
class BulwarkServerTest {
  @TempDir Path dir;

  private static final ApiModule WHO_AM_I = () -> List.of(new ApiRoute(HandlerType.GET, "/v1/whoami",
      Access.scope(Scope.SECRETS_READ), RateClass.STANDARD, "Who am I", ctx -> ctx.json(Map.of("account", Principal.of(ctx).accountId()))));

  @Test
  void restart_keepsSigningKeyAndApiKeys_soCredentialsStayValid() {
    String token;
    String apiKey;
    try (TestServer first = TestServer.builder().dataDir(dir).module(WHO_AM_I).start()) {
      token = first.accessToken("acct-r", "sess-r", Scope.SECRETS_READ);
      apiKey = first.apiKey("acct-k", Scope.SECRETS_READ);
      assertThat(first.get("/v1/whoami", token).status()).isEqualTo(200);
    }
    try (TestServer second = TestServer.builder().dataDir(dir).module(WHO_AM_I).start()) {
      assertThat(second.get("/v1/whoami", token).json().get("account").asText()).isEqualTo("acct-r");
      assertThat(second.get("/v1/whoami", apiKey).json().get("account").asText()).isEqualTo("acct-k");
    }
  }

  @Test
  void modulesJsonMapper_isACopyThatKeepsTheHardenedLimits() {
    try (TestServer server = TestServer.start()) {
      String deep = "[".repeat(5_000) + "]".repeat(5_000);
      assertThatThrownBy(() -> server.services().json().readTree(deep)).isInstanceOf(com.fasterxml.jackson.core.JacksonException.class);
      com.fasterxml.jackson.databind.ObjectMapper mine = server.services().json();
      assertThat(mine).isNotSameAs(server.services().json());
    }
  }

  @Test
  void anotherRootKey_onExistingData_refusesToStart() {
    TestServer.builder().dataDir(dir).start().close();
    String other = Base64.getEncoder().encodeToString(SecureTokens.system().bytes(32));
    assertThatThrownBy(() -> TestServer.builder().dataDir(dir).environment("BULWARK_ROOT_KEY", other).start())
        .isInstanceOf(RootKeyException.class);
  }

  @Test
  void startFailure_leavesNothingListening_andCanBeRetried() {
    ServerMain.StartRefusedException refused = org.junit.jupiter.api.Assertions.assertThrows(ServerMain.StartRefusedException.class,
        () -> ServerMain.start(Optional.empty(), Map.of("listen", "127.0.0.1:0", "data", dir.toString(),
            "tls.cert", dir.resolve("missing.pem").toString(), "tls.key", dir.resolve("missing.key").toString()), Map.of(), l -> { }));
    assertThat(refused.getMessage()).startsWith("tls.cert:");
    try (TestServer ok = TestServer.builder().dataDir(dir).start()) {
      assertThat(ok.get("/readyz", null).status()).isEqualTo(200);
    }
  }

  @Test
  void postgresql_servesEndToEnd_withApiKeysInItsTable() {
    Requirements.postgres();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    try (TestServer server = TestServer.builder().module(WHO_AM_I)
        .setting("database.url", "jdbc:postgresql://127.0.0.1:5432/test").setting("database.user", "postgres")
        .setting("database.schema", schema).start()) {
      assertThat(server.get("/readyz", null).status()).isEqualTo(200);
      String key = server.apiKey("acct-pg", Scope.SECRETS_READ);
      assertThat(server.get("/v1/whoami", key).json().get("account").asText()).isEqualTo("acct-pg");
      assertThat(server.get("/v1/whoami", server.accessToken("acct-pg2", "s", Scope.SECRETS_READ)).status()).isEqualTo(200);
      server.services().database().inTransaction(c -> {
        // bulwark:ignore BWK-JAVA-003 drops only the UUID-named schema this test created
        try (PreparedStatement s = c.prepareStatement("DROP SCHEMA " + schema + " CASCADE")) {
          return s.execute();
        }
      });
    }
  }
}
