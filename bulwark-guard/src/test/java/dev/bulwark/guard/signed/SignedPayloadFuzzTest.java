package dev.bulwark.guard.signed;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import dev.bulwark.guard.Limits;
import java.util.Map;

/**
 * Fuzzes {@link SignedPayload#verify}: arbitrary text raises only {@link SignedPayloadException};
 * text the fuzzer builds around a valid token (prefix kept, rest mutated) never verifies unless it
 * is the token itself.
 */
class SignedPayloadFuzzTest {
  private static final SignedPayload SIGNED = SignedPayload.create(
      PayloadKeys.of("k1", MacKey.generate(MacAlgorithm.HMAC_SHA256)), Limits.defaults().withMaxDocumentBytes(16 * 1024));
  private static final String VALID = SIGNED.sign(Map.of("id", "c-17", "items", 3));

  @FuzzTest
  void verify_throwsOnlySignedPayloadException(FuzzedDataProvider data) {
    boolean nearValid = data.consumeBoolean();
    String token = nearValid
        ? VALID.substring(0, data.consumeInt(0, VALID.length())) + data.consumeRemainingAsString()
        : data.consumeRemainingAsString();
    try {
      VerifiedPayload<?> verified = SIGNED.verify(token, Map.class);
      assertThat(token).isEqualTo(VALID);
      assertThat(verified.keyId()).isEqualTo("k1");
    } catch (SignedPayloadException expected) {
      assertThat(expected.getMessage()).startsWith("signed payload");
    }
  }
}
