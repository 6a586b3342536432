package dev.bulwark.guard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.guard.secrets.SecretSource;
import dev.bulwark.guard.secrets.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {
  @TempDir Path dir;

  private static Secrets env(Map<String, String> variables) {
    return Secrets.chain(SecretSource.environment(variables));
  }

  @Test
  void fromSecrets_acceptsStandardAndUrlSafeBase64_withOrWithoutPadding() throws Exception {
    byte[] raw = TestKeys.randomBytes();
    raw[0] = (byte) 0xfb; // forces '+' or '-' in the first character pair
    for (String encoded : new String[] {Base64.getEncoder().encodeToString(raw),
        Base64.getUrlEncoder().encodeToString(raw), Base64.getUrlEncoder().withoutPadding().encodeToString(raw),
        "  " + Base64.getEncoder().encodeToString(raw) + "\n"}) {
      var key = MasterKey.fromSecrets(env(Map.of(MasterKey.ENVIRONMENT_VARIABLE, encoded)));
      assertThat(key.insecureExportBytes()).as(encoded).isEqualTo(raw);
    }
  }

  @Test
  void missingShortOrMalformedKey_isRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> MasterKey.fromSecrets(env(Map.of()))).isInstanceOfSatisfying(ConfigException.class, e -> {
      assertThat(e.reason()).isEqualTo(ConfigException.Reason.INVALID_MASTER_KEY);
      assertThat(e.getMessage()).contains("BULWARK_MASTER_KEY").contains("bulwark token urlsafe");
    });
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    String notBase64 = "not*base64*at*all";
    for (String bad : new String[] {shortKey, notBase64, "", Base64.getEncoder().encodeToString(new byte[33])}) {
      assertThatThrownBy(() -> MasterKey.fromSecrets(env(Map.of(MasterKey.ENVIRONMENT_VARIABLE, bad))))
          .isInstanceOf(ConfigException.class).hasMessageContaining("32 bytes")
          .hasMessageNotContaining(bad.isEmpty() ? "\u0000" : bad);
    }
  }

  @Test
  void fromFile_readsTheKey_andRefusesLargeOrMissingFiles() throws Exception {
    byte[] raw = TestKeys.randomBytes();
    Path keyFile = Files.writeString(dir.resolve("master.key"), Base64.getEncoder().encodeToString(raw) + "\n");
    assertThat(MasterKey.fromFile(keyFile).insecureExportBytes()).isEqualTo(raw);
    Path big = Files.writeString(dir.resolve("big.key"), "A".repeat(MasterKey.MAX_KEY_FILE_BYTES + 1));
    assertThatThrownBy(() -> MasterKey.fromFile(big)).isInstanceOf(ConfigException.class).hasMessageContaining("too large");
    assertThatThrownBy(() -> MasterKey.fromFile(dir.resolve("absent"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot read the master key file");
  }
}
