package dev.bulwark.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.auth.jwt.JwtClaims;
import dev.bulwark.crypto.tokens.SecureTokens;
import dev.bulwark.server.http.Scope;
import dev.bulwark.server.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The account flows end to end over HTTPS against a real server (SQLite, default Argon2id and
 * response floor), reading mail from {@code DATA/outbox} as a user would read their inbox.
 */
class AccountsApiTest {
  static TestServer server;
  static Outbox outbox;

  @BeforeAll
  static void start() {
    server = TestServer.builder().setting("ratelimit.credential_per_minute", "10000")
        .setting("ratelimit.address_per_minute", "10000").start();
    outbox = new Outbox(server.dataDir().resolve("outbox"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record User(String name, String email, String password) {
    static User fresh() {
      String name = AccountsFixture.username();
      return new User(name, name + "@example.com", AccountsFixture.password());
    }

    String registration() {
      return json("username", name, "email", email, "password", password);
    }

    String login() {
      return json("login", name, "password", password);
    }
  }

  static String json(String... pairs) {
    ObjectNode node = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      node.put(pairs[i], pairs[i + 1]);
    }
    return node.toString();
  }

  static TestServer.Response post(String path, String body) {
    return server.post(path, body, null);
  }

  static User registeredAndVerified() {
    User u = User.fresh();
    assertThat(post("/v1/accounts", u.registration()).status()).isEqualTo(202);
    String token = outbox.latest(u.email(), "Verify").orElseThrow().token();
    assertThat(post("/v1/accounts/verify", json("token", token)).status()).isEqualTo(200);
    return u;
  }

  static JsonNode login(User u) {
    TestServer.Response r = post("/v1/sessions", u.login());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  /** The error body without its random id, for comparing two answers. */
  static JsonNode withoutId(TestServer.Response r) {
    ObjectNode body = (ObjectNode) r.json();
    assertThat(body.get("error_id").asText()).matches("[0-9a-f]{16}");
    body.remove("error_id");
    return body;
  }

  @Test
  void registerVerifyLoginMeRefreshReuseLogout_endToEnd() {
    User u = User.fresh();
    TestServer.Response registered = post("/v1/accounts", u.registration());
    assertThat(registered.status()).isEqualTo(202);
    assertThat(registered.header("Cache-Control")).contains("no-store");

    TestServer.Response early = post("/v1/sessions", u.login());
    assertThat(early.status()).isEqualTo(403);

    String token = outbox.latest(u.email(), "Verify").orElseThrow().token();
    assertThat(post("/v1/accounts/verify", json("token", token)).status()).isEqualTo(200);
    assertThat(post("/v1/accounts/verify", json("token", token)).status()).as("single use").isEqualTo(400);

    JsonNode tokens = login(u);
    String access = tokens.get("access_token").asText();
    assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(tokens.get("expires_in").asLong()).isEqualTo(300);

    TestServer.Response me = server.get("/v1/me", access);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("username").asText()).isEqualTo(u.name());
    assertThat(me.json().get("email_verified").asBoolean()).isTrue();
    assertThat(me.json().get("admin").asBoolean()).isFalse();
    assertThat(me.json().get("scopes").toString()).contains("secrets:read").doesNotContain("admin", "audit:read");
    assertThat(me.body()).doesNotContain("argon2");

    String firstRefresh = tokens.get("refresh_token").asText();
    TestServer.Response refreshed = post("/v1/sessions/refresh", json("refresh_token", firstRefresh));
    assertThat(refreshed.status()).isEqualTo(200);
    String secondAccess = refreshed.json().get("access_token").asText();
    String secondRefresh = refreshed.json().get("refresh_token").asText();
    assertThat(server.get("/v1/me", secondAccess).status()).isEqualTo(200);

    // Reuse of the first refresh token: refused, and the whole family dies with it.
    assertThat(post("/v1/sessions/refresh", json("refresh_token", firstRefresh)).status()).isEqualTo(401);
    assertThat(post("/v1/sessions/refresh", json("refresh_token", secondRefresh)).status()).isEqualTo(401);
    TestServer.Response afterReuse = server.get("/v1/me", secondAccess);
    assertThat(afterReuse.status()).isEqualTo(401);
    assertThat(afterReuse.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

    String fresh = login(u).get("access_token").asText();
    assertThat(server.delete("/v1/sessions/current", fresh).status()).isEqualTo(204);
    assertThat(server.get("/v1/me", fresh).status()).as("logout is immediate").isEqualTo(401);
  }

  @Test
  void passwordChangeThenForgotAndReset_endToEnd() {
    User u = registeredAndVerified();
    String current = login(u).get("access_token").asText();
    String other = login(u).get("access_token").asText();
    String changed = AccountsFixture.password();

    TestServer.Response wrong = server.post("/v1/password/change",
        json("current_password", "not the current password", "new_password", changed), current);
    assertThat(wrong.status()).isEqualTo(403);
    TestServer.Response ok = server.post("/v1/password/change",
        json("current_password", u.password(), "new_password", changed), current);
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(server.get("/v1/me", current).status()).as("the caller's session stays").isEqualTo(200);
    assertThat(server.get("/v1/me", other).status()).as("other sessions end").isEqualTo(401);
    assertThat(post("/v1/sessions", u.login()).status()).isEqualTo(401);
    User now = new User(u.name(), u.email(), changed);
    assertThat(outbox.latest(u.email(), "password was changed")).isPresent();

    assertThat(post("/v1/password/forgot", json("email", u.email())).status()).isEqualTo(202);
    String reset = outbox.latest(u.email(), "Reset").orElseThrow().token();
    String last = AccountsFixture.password();
    assertThat(post("/v1/password/reset", json("token", reset, "new_password", last)).status()).isEqualTo(200);
    assertThat(server.get("/v1/me", current).status()).as("a reset ends every session").isEqualTo(401);
    assertThat(post("/v1/sessions", now.login()).status()).isEqualTo(401);
    assertThat(post("/v1/password/reset", json("token", reset, "new_password", AccountsFixture.password())).status())
        .as("single use").isEqualTo(400);
    login(new User(u.name(), u.email(), last));
  }

  @Test
  void tamperedExpiredOrForeignAccessTokens_areRefused() throws Exception {
    User u = registeredAndVerified();
    JsonNode tokens = login(u);
    String access = tokens.get("access_token").asText();
    String sid = tokens.get("session_id").asText();
    String accountId = server.get("/v1/me", access).json().get("id").asText();

    char last = access.charAt(access.length() - 1);
    String tampered = access.substring(0, access.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThat(server.get("/v1/me", tampered).status()).isEqualTo(401);

    Instant now = Instant.now();
    String wrongAudience = server.services().jwtSigner().sign(JwtClaims.builder().issuer("bulwark")
        .audience("another-api").subject(accountId).claim("sid", sid).scopes("secrets:read")
        .jwtId(SecureTokens.system().urlSafe(16)).issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(5))).build());
    assertThat(server.get("/v1/me", wrongAudience).status()).isEqualTo(401);

    // Signed by the server's own key, so only the session check can refuse it (TestServer.accessToken
    // would create the session row first).
    String unknownSession = server.services().jwtSigner().sign(JwtClaims.builder().issuer("bulwark")
        .audience("bulwark-api").subject(accountId).claim("sid", "no-such-session").scopes("secrets:read")
        .jwtId(SecureTokens.system().urlSafe(16)).issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(5))).build());
    assertThat(server.get("/v1/me", unknownSession).status()).as("a session the table does not hold").isEqualTo(401);
  }

  @Test
  void enumeration_statusAndBodyAreIdenticalForKnownAndUnknownIdentities() {
    User known = registeredAndVerified();
    User unknown = User.fresh();

    TestServer.Response taken = post("/v1/accounts", new User(known.name(), unknown.email(), AccountsFixture.password()).registration());
    TestServer.Response fresh = post("/v1/accounts", unknown.registration());
    assertThat(taken.status()).isEqualTo(fresh.status()).isEqualTo(202);
    assertThat(taken.body()).isEqualTo(fresh.body());
    assertThat(outbox.latest(known.email(), "Someone tried")).isPresent();

    TestServer.Response wrongPassword = post("/v1/sessions", json("login", known.name(), "password", "wrong password here"));
    TestServer.Response noSuchUser = post("/v1/sessions", json("login", AccountsFixture.username(), "password", "wrong password here"));
    assertThat(wrongPassword.status()).isEqualTo(noSuchUser.status()).isEqualTo(401);
    assertThat(withoutId(wrongPassword)).isEqualTo(withoutId(noSuchUser));

    TestServer.Response forgotKnown = post("/v1/password/forgot", json("email", known.email()));
    TestServer.Response forgotUnknown = post("/v1/password/forgot", json("email", AccountsFixture.username() + "@example.com"));
    assertThat(forgotKnown.status()).isEqualTo(forgotUnknown.status()).isEqualTo(202);
    assertThat(forgotKnown.body()).isEqualTo(forgotUnknown.body());
  }

  @Test
  void repeatedWrongPasswords_areThrottledWith429AndRetryAfter() {
    User u = registeredAndVerified();
    String wrong = json("login", u.name(), "password", "a wrong password guess");
    for (int i = 0; i < 5; i++) {
      assertThat(post("/v1/sessions", wrong).status()).isEqualTo(401);
    }
    TestServer.Response throttled = post("/v1/sessions", wrong);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    assertThat(throttled.json().get("error").asText()).isNotBlank();
    TestServer.Response unknown = post("/v1/sessions", json("login", "name_not_there", "password", "a wrong password guess"));
    assertThat(unknown.status()).isEqualTo(401);
  }

  @Test
  void malformedBodies_areRefusedWithOneGenericError() {
    for (String body : new String[] {"{", "null", "[]", "{\"username\":1}", json("token", "x", "extra", "y"),
        "{\"login\":\"a\",\"login\":\"b\",\"password\":\"p\"}"}) {
      TestServer.Response r = post("/v1/sessions", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.body()).doesNotContain("Exception", "at dev.", "Forms");
    }
    TestServer.Response weak = post("/v1/accounts", json("username", "weak_user", "email", "weak@example.com", "password", "short"));
    assertThat(weak.status()).isEqualTo(400);
    assertThat(weak.body()).contains("password").doesNotContain("short\"");
    assertThat(server.send("POST", "/v1/sessions", "login=a", null, Map.of("Content-Type", "application/x-www-form-urlencoded"))
        .status()).isEqualTo(415);
  }

  @Test
  void enrolmentTokenFromStartup_makesAnAdministrator_andApiKeysCannotLogOut() {
    Optional<String> notice = server.server().startupNotices().stream().filter(n -> n.contains("bwe_")).findFirst();
    assertThat(notice).as("first start prints an enrolment token").isPresent();
    String token = notice.get().substring(notice.get().indexOf("bwe_")).strip();

    User admin = User.fresh();
    ObjectNode registration = (ObjectNode) new TestServer.Response(0, null, admin.registration()).json();
    registration.put("enrolment_token", token);
    assertThat(post("/v1/accounts", registration.toString()).status()).isEqualTo(202);
    String verification = outbox.latest(admin.email(), "Verify").orElseThrow().token();
    assertThat(post("/v1/accounts/verify", json("token", verification)).status()).isEqualTo(200);
    String access = login(admin).get("access_token").asText();
    JsonNode me = server.get("/v1/me", access).json();
    assertThat(me.get("admin").asBoolean()).isTrue();
    assertThat(me.get("scopes").toString()).contains("admin", "audit:read");

    User second = User.fresh();
    ObjectNode again = (ObjectNode) new TestServer.Response(0, null, second.registration()).json();
    again.put("enrolment_token", token);
    assertThat(post("/v1/accounts", again.toString()).status()).as("single use").isEqualTo(400);

    String apiKey = server.apiKey(me.get("id").asText(), Scope.SECRETS_READ);
    TestServer.Response viaKey = server.get("/v1/me", apiKey);
    assertThat(viaKey.status()).isEqualTo(200);
    assertThat(viaKey.json().get("credential").asText()).isEqualTo("api_key");
    assertThat(server.delete("/v1/sessions/current", apiKey).status()).isEqualTo(403);
  }
}
