package dev.bulwark.cli.keyset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.cli.CliException;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeysetFilesTest {
  @Test
  void masterKeyFromEnvironment_acceptsStandardAndUrlSafeBase64() {
    byte[] raw = new byte[32];
    raw[0] = (byte) 0xfb; // encodes with '+' or '-' depending on the alphabet
    for (String encoded : new String[] {Base64.getEncoder().encodeToString(raw),
        Base64.getUrlEncoder().withoutPadding().encodeToString(raw)}) {
      var key = KeysetFiles.masterKey(null, Map.of(KeysetFiles.MASTER_KEY_ENV, encoded));
      assertThat(key.algorithm()).isEqualTo(AeadAlgorithm.AES256_GCM);
      assertThat(key.insecureExportBytes()).isEqualTo(raw);
    }
  }

  @Test
  void missingOrShortMasterKey_isAUsageErrorThatSaysWhatToSet() {
    assertThatThrownBy(() -> KeysetFiles.masterKey(null, Map.of())).isInstanceOf(CliException.class)
        .hasMessageContaining("BULWARK_MASTER_KEY").hasMessageContaining("--master-key-file");
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> KeysetFiles.masterKey(null, Map.of(KeysetFiles.MASTER_KEY_ENV, shortKey)))
        .isInstanceOf(CliException.class).hasMessageContaining("32 bytes").hasMessageNotContaining(shortKey);
  }
}
