package dev.bulwark.guard.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.guard.Limits;

/** Fuzzes {@link SafeYaml}: arbitrary bytes either load or raise {@link YamlRejectedException}. */
class SafeYamlFuzzTest {
  private static final SafeYaml YAML =
      SafeYaml.create(Limits.defaults().withMaxDocumentBytes(64 * 1024).withMaxDocuments(4).withMaxTotalObjects(10_000));

  @FuzzTest
  void loadAll_throwsOnlyYamlRejectedException(FuzzedDataProvider data) {
    byte[] input = data.consumeRemainingAsBytes();
    try {
      assertThat(YAML.loadAll(input)).hasSizeLessThanOrEqualTo(4);
    } catch (YamlRejectedException expected) {
      assertThat(expected.getMessage()).startsWith("YAML");
    }
  }
}
