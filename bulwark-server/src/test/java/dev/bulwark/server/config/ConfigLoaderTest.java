package dev.bulwark.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private static ServerConfig load(Map<String, String> env, Map<String, String> explicit) {
    return ConfigLoader.load(Optional.empty(), env, explicit);
  }

  private static void assertRefused(Map<String, String> explicit, String setting) {
    assertThatThrownBy(() -> load(Map.of(), explicit)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("setting '" + setting + "'")
        .satisfies(e -> assertThat(((ConfigException) e).setting()).isEqualTo(setting));
  }

  @Test
  void noConfiguration_givesTheSecureDefaults() {
    ServerConfig c = load(Map.of(), Map.of());
    assertThat(c.listenHost()).isEqualTo("127.0.0.1");
    assertThat(c.listenPort()).isEqualTo(8443);
    assertThat(c.tls()).isTrue();
    assertThat(c.dataDir()).isEqualTo(Path.of("data"));
    assertThat(c.database().url()).isEmpty();
    assertThat(c.trustedProxies()).isEmpty();
    assertThat(c.corsOrigins()).isEmpty();
    assertThat(c.rateLimits()).isEqualTo(RateLimitSettings.defaults());
  }

  @Test
  void precedence_isFileThenEnvironmentThenExplicit() throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, """
        listen: 127.0.0.1:9000
        data: /srv/a
        ratelimit:
          credential_per_minute: 4
        cors:
          origins: [https://app.example, https://admin.example:8443]
        trusted_proxies:
          - 10.0.0.0/8
        """);
    ServerConfig c = ConfigLoader.load(Optional.of(file), Map.of("BULWARK_DATA", "/srv/b", "BULWARK_LISTEN", "127.0.0.1:9001"),
        Map.of("listen", "127.0.0.1:9002"));
    assertThat(c.listenPort()).isEqualTo(9002);
    assertThat(c.dataDir()).isEqualTo(Path.of("/srv/b"));
    assertThat(c.rateLimits().credentialPerMinute()).isEqualTo(4);
    assertThat(c.corsOrigins()).containsExactly("https://app.example", "https://admin.example:8443");
    assertThat(c.trustedProxies()).containsExactly("10.0.0.0/8");
  }

  @Test
  void plainHttp_isAllowedOnLoopbackOnly() {
    assertThat(load(Map.of(), Map.of("http", "true")).tls()).isFalse();
    assertThat(load(Map.of(), Map.of("http", "true", "listen", "[::1]:8080")).tls()).isFalse();
    assertThat(load(Map.of(), Map.of("http", "true", "listen", "localhost:8080")).tls()).isFalse();
    for (String listen : List.of("0.0.0.0:80", "192.168.1.5:80", "[::]:80", "example.com:80", "127.0.0.1.nip.io:80")) {
      assertRefused(Map.of("http", "true", "listen", listen), "http");
    }
  }

  @Test
  void badValues_areRefusedNamingTheSetting() {
    assertRefused(Map.of("listen", "8443"), "listen");
    assertRefused(Map.of("listen", "127.0.0.1:70000"), "listen");
    assertRefused(Map.of("http", "yes"), "http");
    assertRefused(Map.of("database.url", "jdbc:mysql://db/x"), "database.url");
    assertRefused(Map.of("database.schema", "public; drop"), "database.schema");
    assertRefused(Map.of("trusted_proxies", "everyone"), "trusted_proxies");
    assertRefused(Map.of("cors.origins", "*"), "cors.origins");
    assertRefused(Map.of("cors.origins", "https://app.example/path"), "cors.origins");
    assertRefused(Map.of("cors.origins", "javascript://x"), "cors.origins");
    assertRefused(Map.of("limits.max_body_bytes", "10"), "limits.max_body_bytes");
    assertRefused(Map.of("ratelimit.credential_per_minute", "0"), "ratelimit.credential_per_minute");
    assertRefused(Map.of("ratelimit.redis", "http://cache"), "ratelimit.redis");
    assertRefused(Map.of("tls.cert", "/a.pem"), "tls.key");
    assertRefused(Map.of("no.such.setting", "1"), "no.such.setting");
  }

  @Test
  void refusedPassword_isNeverEchoed() {
    String password = "pw-" + java.util.UUID.randomUUID();
    Map<String, String> env = Map.of("BULWARK_DATABASE_URL", "mysql://x", "BULWARK_DATABASE_PASSWORD", password);
    assertThatThrownBy(() -> load(env, Map.of())).hasMessageNotContaining(password).hasMessageNotContaining("mysql");
    ServerConfig ok = load(Map.of("BULWARK_DATABASE_URL", "jdbc:postgresql://db/x", "BULWARK_DATABASE_PASSWORD", password), Map.of());
    assertThat(ok.toString()).doesNotContain(password);
    assertThat(ok.database().toString()).doesNotContain(password);
  }

  @Test
  void yamlFile_unknownKeysTagsAndBombsAreRefused() throws Exception {
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, "trusted_proxy: [10.0.0.0/8]\n");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(typo), Map.of(), Map.of()))
        .hasMessageStartingWith("setting 'trusted_proxy': unknown setting");
    Path tag = dir.resolve("tag.yaml");
    Files.writeString(tag, "listen: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(tag), Map.of(), Map.of())).isInstanceOf(ConfigException.class);
    Path bomb = dir.resolve("bomb.yaml");
    StringBuilder laughs = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char p = (char) (c - 1);
      laughs.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
          .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*")
          .append(p).append(",*").append(p).append("]\n");
    }
    Files.writeString(bomb, laughs.toString());
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(bomb), Map.of(), Map.of())).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("missing.yaml")), Map.of(), Map.of()))
        .hasMessageStartingWith("setting 'config'");
  }

  @Test
  void environmentNames_followTheDottedNames() {
    assertThat(ConfigLoader.environmentName("database.url")).isEqualTo("BULWARK_DATABASE_URL");
    assertThat(ConfigLoader.environmentName("ratelimit.credential_per_minute")).isEqualTo("BULWARK_RATELIMIT_CREDENTIAL_PER_MINUTE");
  }
}
