package dev.bulwark.guard.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.bulwark.crypto.tokens.ApiKey;
import dev.bulwark.crypto.tokens.ApiKeys;
import dev.bulwark.crypto.tokens.SecureTokens;
import dev.bulwark.guard.Limits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.logstash.logback.argument.StructuredArguments;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sensitive information in logs (CWE-532, OWASP Logging Cheat Sheet "data to exclude"): secrets in
 * a login event never reach the appender's output, whichever way they were logged.
 */
class SecretLeakInLogsTest {
  private final SecureTokens tokens = SecureTokens.system();
  private final String password = "Pw-" + tokens.urlSafe(12);
  private final String bearerToken = tokens.urlSafe(32);
  private final ApiKey apiKey = ApiKeys.generate();
  private final String card = LogTestSupport.luhnValidCard("4111" + "1111" + "1111" + "111");
  private final String cardGrouped = card.substring(0, 4) + " " + card.substring(4, 8) + " " + card.substring(8, 12) + " " + card.substring(12);

  private List<String> secrets() {
    return List.of(password, bearerToken, apiKey.insecureValue(), card, cardGrouped, card.substring(4, 12));
  }

  @Test
  void loginEvent_leaksNoPasswordTokenApiKeyOrCard() {
    LogTestSupport log = new LogTestSupport(RedactingJsonGeneratorDecorator.denyList(Limits.defaults()));

    log.logger.atInfo()
        .addKeyValue("event", "login")
        .addKeyValue("user", "alice")
        .addKeyValue("password", password)
        .addKeyValue("Authorization", "Bearer " + bearerToken)
        .log("login for {} with api key {} paying with card {} (header was Bearer {})",
            "alice", apiKey.insecureValue(), cardGrouped, bearerToken);
    log.logger.info("login retry {} {}", StructuredArguments.kv("X-Api-Key", apiKey.insecureValue()),
        StructuredArguments.kv("creditCard", card));
    log.logger.warn("login failed", new IllegalStateException("bad credentials password=" + password + " card " + card));

    String output = log.output();
    assertThat(output).contains("alice", "login", TextRedactor.MASK);
    for (String secret : secrets()) {
      assertThat(output).doesNotContain(secret);
    }
  }

  @Test
  void nestedSecretFields_areReplacedAtAnyDepthAndType() {
    LogTestSupport log = new LogTestSupport(RedactingJsonGeneratorDecorator.denyList(Limits.defaults()));
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("headers", Map.of("Cookie", "sid=" + bearerToken, "Set-Cookie", "sid=" + bearerToken));
    request.put("body", Map.of("user", Map.of("name", "alice", "credentials", Map.of("pin", 482915, "password", password))));
    request.put("payment", Map.of("cvv", 737, "amount", 12));
    log.logger.info(Markers.append("request", request), "login request");

    String output = log.output();
    assertThat(output).doesNotContain(bearerToken, password, "482915", "737").contains("alice", "\"amount\":12");
  }

  @Test
  void tooDeepFields_areReplacedWhole() {
    LogTestSupport log = new LogTestSupport(
        RedactingJsonGeneratorDecorator.denyList(Limits.defaults().withMaxLogFieldDepth(4)));
    Object nested = Map.of("leaf", "deep-value-" + tokens.hex(4));
    for (int i = 0; i < 10; i++) {
      nested = Map.of("level" + i, nested);
    }
    log.logger.info(Markers.append("nested", nested), "deep");
    assertThat(log.output()).doesNotContain("deep-value-").contains(TextRedactor.MASK);
  }

  @Test
  void allowlistMode_dropsUnknownFieldsOfEveryType() {
    LogTestSupport log = new LogTestSupport(
        RedactingJsonGeneratorDecorator.allowList(Limits.defaults(), List.of("user_id", "event")));
    log.logger.atInfo()
        .addKeyValue("user_id", 4242)
        .addKeyValue("event", "login")
        .addKeyValue("balance", 987654)
        .addKeyValue("admin", true)
        .addKeyValue("profile", Map.of("dob", "1990-01-01"))
        .log("login ok");
    String output = log.output();
    assertThat(output).contains("\"user_id\":4242", "\"event\":\"login\"", "\"message\":\"login ok\"")
        .doesNotContain("987654", "true", "1990-01-01");
  }

  @Test
  void logbackXmlConfiguration_redactsMdcAndMessages(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("app.json");
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.putProperty("LOG_FILE", file.toString());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getResource("redacting-logback.xml"));

    context.getMDCAdapter().put("session_token", bearerToken);
    context.getLogger("app").info("user alice logged in with password={} and key {}", password, apiKey.insecureValue());
    context.stop();

    String output = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(output).contains("logged in", "session_token");
    for (String secret : secrets()) {
      assertThat(output).doesNotContain(secret);
    }
  }
}
