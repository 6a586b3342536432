package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up path the CLI uses: refusals name the setting; a start prints URL and fingerprint. */
class ServerMainTest {
  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private Outcome run(List<String> args, Map<String, String> env) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ServerMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void plainHttpOnAPublicAddress_isRefusedAtStart_namingTheSetting() {
    Outcome o = run(List.of("--http", "--listen", "0.0.0.0:0", "--data", dir.toString()), Map.of());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).startsWith("bulwark serve: setting 'http'").contains("loopback").doesNotContain("Exception");
    assertThat(o.err().lines().count()).isEqualTo(1);
    assertThat(dir.resolve("bulwark.db")).doesNotExist();
  }

  @Test
  void badListenValue_isRefusedNamingListen() {
    Outcome o = run(List.of("--listen", "nonsense", "--data", dir.toString()), Map.of());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).startsWith("bulwark serve: setting 'listen'");
  }

  @Test
  void badEnvironmentValue_isRefusedNamingTheSetting() {
    Outcome o = run(List.of("--data", dir.toString()), Map.of("BULWARK_RATELIMIT_CREDENTIAL_PER_MINUTE", "lots"));
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("setting 'ratelimit.credential_per_minute'").contains("whole number");
  }

  @Test
  void unknownArgument_isRefused() {
    Outcome o = run(List.of("--port", "1"), Map.of());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("unknown argument --port");
  }

  @Test
  void badRootKeyInEnvironment_isRefusedWithoutEchoingIt() {
    Outcome o = run(List.of("--listen", "127.0.0.1:0", "--data", dir.toString()), Map.of("BULWARK_ROOT_KEY", "c2hvcnQ="));
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("BULWARK_ROOT_KEY is not base64 of 32 bytes").doesNotContain("c2hvcnQ=");
  }

  @Test
  void start_printsTheUrlAndTheFingerprintAndTheRootKeyWarning() {
    List<String> lines = new ArrayList<>();
    try (BulwarkServer server = ServerMain.start(Optional.empty(),
        Map.of("listen", "127.0.0.1:0", "data", dir.toString()), Map.of(), lines::add)) {
      assertThat(String.join("\n", lines))
          .contains("WARNING: generated a new root key")
          .contains("BULWARK_ROOT_KEY")
          .contains("listening on https://127.0.0.1:" + server.port())
          .contains("TLS certificate SHA-256 fingerprint: " + server.certificateFingerprint().orElseThrow());
      assertThat(server.certificateFingerprint().orElseThrow()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }
  }

  @Test
  void configFile_isReadAndAnUnknownKeyInItIsRefused() throws Exception {
    Path config = dir.resolve("bulwark.yaml");
    Files.writeString(config, "listen: 127.0.0.1:0\nratelimit:\n  credential_per_minute: 5\ntrusted_proxy: [10.0.0.0/8]\n");
    assertThatThrownBy(() -> ServerMain.start(Optional.of(config), Map.of("data", dir.toString()), Map.of(), l -> { }))
        .isInstanceOf(ServerMain.StartRefusedException.class).hasMessageStartingWith("setting 'trusted_proxy': unknown setting");
  }
}
