package dev.bulwark.guard.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.guard.Limits;

/** Fuzzes {@link SafeJson}: arbitrary bytes either parse or raise {@link JsonRejectedException}. */
class SafeJsonFuzzTest {
  private static final SafeJson JSON = SafeJson.create(Limits.defaults().withMaxDocumentBytes(64 * 1024).withMaxNestingDepth(32));

  public record Login(String user, int attempts) {}

  @FuzzTest
  void read_throwsOnlyJsonRejectedException(FuzzedDataProvider data) {
    boolean asRecord = data.consumeBoolean();
    byte[] input = data.consumeRemainingAsBytes();
    try {
      if (asRecord) {
        assertThat(JSON.read(input, Login.class)).isNotNull();
      } else {
        JsonNode node = JSON.readTree(input);
        assertThat(node.isMissingNode()).isFalse();
      }
    } catch (JsonRejectedException expected) {
      assertThat(expected.getMessage()).startsWith("JSON document");
    }
  }
}
