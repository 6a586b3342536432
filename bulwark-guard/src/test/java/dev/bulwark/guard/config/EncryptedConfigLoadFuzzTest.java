package dev.bulwark.guard.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.keyset.Keyset;
import dev.bulwark.crypto.keyset.KeysetAead;
import dev.bulwark.crypto.keyset.KeysetPreset;
import dev.bulwark.guard.Limits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Fuzzes loading an encrypted configuration file with a fixed master key. Two modes: arbitrary bytes
 * as the whole file; or a genuine header and keyset followed by fuzzed value lines, with a correct
 * integrity record computed over them, so the fuzzer reaches the format's value parsing and the
 * per-value decryption behind the whole-file check. Only {@link ConfigException} may escape, and a
 * file that loads must answer every name it lists.
 */
class EncryptedConfigLoadFuzzTest {
  private static final AeadKey MASTER = AeadKey.insecureFromBytes(AeadAlgorithm.AES256_GCM, new byte[32]);
  private static final String SEALED_KEYSET;
  private static final KeysetAead AEAD;

  static {
    try {
      Keyset keyset = Keyset.generate(KeysetPreset.DEFAULT, new SecureRandom());
      SEALED_KEYSET = keyset.seal(MASTER);
      AEAD = keyset.aead();
    } catch (CryptoException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest
  void load_throwsOnlyConfigException(FuzzedDataProvider data) throws CryptoException {
    boolean genuinePrefix = data.consumeBoolean();
    byte[] content;
    if (genuinePrefix) {
      String values = data.consumeRemainingAsString();
      byte[] authenticated = (ConfigFileFormat.HEADER + "\nkeyset "
          + Base64.getUrlEncoder().withoutPadding().encodeToString(SEALED_KEYSET.getBytes(StandardCharsets.UTF_8))
          + "\n" + values).getBytes(StandardCharsets.UTF_8);
      byte[] integrity = AEAD.encrypt(new byte[0], EncryptedConfig.integrityAssociatedData(authenticated));
      content = ConfigFileFormat.render(authenticated, integrity);
    } else {
      content = data.consumeRemainingAsBytes();
    }
    EncryptedConfig config;
    try {
      config = EncryptedConfig.load(Path.of("fuzz.config"), content, MASTER, Limits.defaults());
    } catch (ConfigException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }
    for (String name : config.names()) {
      try {
        assertThat(config.get(name)).isPresent();
      } catch (ConfigException expected) {
        assertThat(expected.reason()).isEqualTo(ConfigException.Reason.TAMPERED);
      }
    }
  }
}
