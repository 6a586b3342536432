package dev.bulwark.crypto.kdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.testkit.Wycheproof;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HkdfTest {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 5869 Appendix A, test cases 1 and 3 (SHA-256). */
  @ParameterizedTest
  @CsvSource({
    "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 000102030405060708090a0b0c, f0f1f2f3f4f5f6f7f8f9, 42,"
        + " 3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
    "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, '', '', 42,"
        + " 8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
  })
  void rfc5869_appendixA(String ikm, String salt, String info, int length, String okm) {
    byte[] out = Hkdf.derive(HkdfAlgorithm.HKDF_SHA256, HEX.parseHex(ikm), HEX.parseHex(salt), HEX.parseHex(info), length);
    assertThat(HEX.formatHex(out)).isEqualTo(okm);
  }

  @Test
  void wycheproof_hkdfSha256() {
    runWycheproof("hkdf_sha256_test.json", HkdfAlgorithm.HKDF_SHA256);
  }

  @Test
  void wycheproof_hkdfSha512() {
    runWycheproof("hkdf_sha512_test.json", HkdfAlgorithm.HKDF_SHA512);
  }

  private static void runWycheproof(String file, HkdfAlgorithm algorithm) {
    Wycheproof suite = Wycheproof.load(file);
    for (Wycheproof.Case c : suite.cases()) {
      suite.check(
          c,
          () -> {
            int size = c.test().get("size").asInt();
            byte[] out;
            try {
              out = Hkdf.derive(algorithm, c.hex("ikm"), c.hex("salt"), c.hex("info"), size);
            } catch (IllegalArgumentException rejected) {
              return false;
            }
            return Arrays.equals(out, c.hex("okm"));
          });
    }
    suite.assertAllPassed(Map.of());
  }

  @Test
  void outOfRangeLength_isRejected() {
    assertThatThrownBy(() -> Hkdf.derive(HkdfAlgorithm.HKDF_SHA256, new byte[32], new byte[0], new byte[0], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hkdf.derive(HkdfAlgorithm.HKDF_SHA256, new byte[32], new byte[0], new byte[0], 255 * 32 + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void infoSeparatesOutputs() {
    byte[] ikm = new byte[32];
    assertThat(Hkdf.derive(HkdfAlgorithm.HKDF_SHA256, ikm, new byte[0], new byte[] {1}, 32))
        .isNotEqualTo(Hkdf.derive(HkdfAlgorithm.HKDF_SHA256, ikm, new byte[0], new byte[] {2}, 32));
  }
}
