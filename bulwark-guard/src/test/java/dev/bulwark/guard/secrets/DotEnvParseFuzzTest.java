package dev.bulwark.guard.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

/**
 * Fuzzes the {@code .env} parser with arbitrary text: only {@link SecretsException} may escape, its
 * message never carries the input, and every parsed name is a valid secret name.
 */
class DotEnvParseFuzzTest {
  @FuzzTest
  void parse_throwsOnlySecretsException(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    Map<String, String> values;
    try {
      values = DotEnvFile.parse(text, ".env");
    } catch (SecretsException expected) {
      assertThat(expected.getMessage()).startsWith(".env, line ");
      return;
    }
    values.keySet().forEach(Secrets::checkName);
  }
}
