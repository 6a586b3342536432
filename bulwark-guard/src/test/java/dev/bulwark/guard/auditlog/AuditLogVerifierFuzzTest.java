package dev.bulwark.guard.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.guard.Limits;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;

/**
 * Fuzzes {@link AuditLogVerifier}: on a genuine log with fuzzer-chosen edits, or on arbitrary text,
 * the verifier returns a result or throws {@link AuditTamperedException}; nothing else escapes, and
 * an edited log that still verifies must be byte-identical to the genuine one.
 */
class AuditLogVerifierFuzzTest {
  private static final AuditKeys KEYS = GenuineAuditLog.KEYS;
  private static final String GENUINE = GenuineAuditLog.INSTANCE.log();

  @FuzzTest
  void verify_returnsOrThrowsTampered(FuzzedDataProvider data) throws IOException {
    String content;
    if (data.consumeBoolean()) {
      StringBuilder edited = new StringBuilder(GENUINE);
      int edits = data.consumeInt(1, 4);
      for (int i = 0; i < edits && !edited.isEmpty(); i++) {
        int at = data.consumeInt(0, edited.length() - 1);
        int length = data.consumeInt(0, Math.min(64, edited.length() - at));
        edited.replace(at, at + length, data.consumeString(8));
      }
      content = edited.toString();
    } else {
      content = data.consumeRemainingAsString();
    }
    try {
      AuditVerification result = AuditLogVerifier.verify(new StringReader(content), Optional.empty(), KEYS.verifyKeys(),
          Limits.defaults().withMaxStringLength(4096));
      // Without a head, only a clean cut at a line boundary (or no change) can verify.
      assertThat(GENUINE).startsWith(content);
      assertThat(result.records()).isBetween(0L, 7L);
    } catch (AuditTamperedException expected) {
      assertThat(expected.kind()).isNotNull();
    }
  }
}
