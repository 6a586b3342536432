package dev.bulwark.crypto.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.crypto.CryptoException;

/** Fuzzes {@link ApiKeys#parse}: untrusted input whose only documented failure is {@link CryptoException}. */
class ApiKeyParsingFuzzTest {
  @FuzzTest
  void parse_throwsOnlyCryptoException(FuzzedDataProvider data) {
    String candidate = data.consumeRemainingAsString();
    try {
      ApiKey key = ApiKeys.parse(candidate);
      assertThat(ApiKeys.isWellFormed(key.insecureValue())).isTrue();
      assertThat(key.insecureValue()).isEqualTo(candidate);
    } catch (CryptoException expected) {
      assertThat(expected.getMessage()).doesNotContain(candidate.length() > 8 ? candidate : "\u0000\u0000");
    }
  }
}
