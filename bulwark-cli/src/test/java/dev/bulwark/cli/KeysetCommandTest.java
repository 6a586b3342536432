package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysetCommandTest {
  @TempDir Path dir;
  Path keyset;
  Path master;

  @BeforeEach
  void masterKey() throws IOException {
    keyset = dir.resolve("app.keyset.json");
    master = dir.resolve("master.key");
    byte[] raw = new byte[32];
    new java.security.SecureRandom().nextBytes(raw);
    Files.writeString(master, Base64.getEncoder().encodeToString(raw) + "\n");
  }

  private CliRun keyset(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("keyset"));
    all.addAll(List.of(args));
    all.addAll(List.of("--keyset", keyset.toString(), "--master-key-file", master.toString()));
    return CliRun.inProcess(all.toArray(String[]::new));
  }

  @Test
  void new_writesASealedKeysetWithOnePrimary() throws IOException {
    CliRun created = keyset("new");
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    String id = created.stdout().strip();
    assertThat(id).matches("[0-9]+");
    String file = Files.readString(keyset, StandardCharsets.UTF_8);
    assertThat(file).contains("bulwark-sealed-keyset").doesNotContain("material").doesNotContain(id);
    CliRun list = keyset("list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.stdout()).isEqualTo(id + " AES256_GCM ENABLED primary\n");
  }

  @Test
  void new_refusesToOverwrite() {
    assertThat(keyset("new").exitCode()).isZero();
    CliRun again = keyset("new");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.stderr()).contains("refusing to overwrite").hasLineCount(1);
  }

  @Test
  void rotateDisableDestroy_updateTheFile() {
    String first = keyset("new", "--preset", "chacha20_poly1305").stdout().strip();
    String second = keyset("rotate", "--preset", "XCHACHA20_POLY1305").stdout().strip();
    assertThat(second).isNotEqualTo(first);
    assertThat(keyset("list").stdout())
        .isEqualTo(first + " CHACHA20_POLY1305 ENABLED\n" + second + " XCHACHA20_POLY1305 ENABLED primary\n");
    assertThat(keyset("disable", "--key-id", first).exitCode()).isZero();
    assertThat(keyset("list").stdout()).contains(first + " CHACHA20_POLY1305 DISABLED\n");
    assertThat(keyset("destroy", "--key-id", first).exitCode()).isZero();
    assertThat(keyset("list").stdout()).contains(first + " CHACHA20_POLY1305 DESTROYED\n");
  }

  @Test
  void primaryOrUnknownOrMalformedKeyId_exits2() {
    String id = keyset("new").stdout().strip();
    assertThat(keyset("disable", "--key-id", id).exitCode()).isEqualTo(2);
    assertThat(keyset("destroy", "--key-id", "12345").exitCode()).isEqualTo(2);
    CliRun bad = keyset("destroy", "--key-id", "-1");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).hasLineCount(1);
  }

  @Test
  void wrongMasterKey_exits2WithoutLeakingIt() throws IOException {
    assertThat(keyset("new").exitCode()).isZero();
    String other = Base64.getEncoder().encodeToString(new byte[32]);
    Files.writeString(master, other);
    CliRun list = keyset("list");
    assertThat(list.exitCode()).isEqualTo(2);
    assertThat(list.stderr()).contains("cannot open the keyset").doesNotContain(other).hasLineCount(1);
  }

  @Test
  void malformedMasterKeyFile_exits2() throws IOException {
    Files.writeString(master, "not base64 at all!");
    CliRun run = keyset("new");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("32 bytes").doesNotContain("not base64");
    assertThat(keyset).doesNotExist();
  }

  @Test
  void missingKeysetOption_exits2() {
    CliRun run = CliRun.inProcess("keyset", "list", "--master-key-file", master.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("--keyset");
  }

  @Test
  void missingKeysetFile_exits2WithAHint() {
    CliRun run = keyset("list");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("bulwark keyset new");
  }
}
