package dev.bulwark.guard.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import dev.bulwark.crypto.signature.SignatureAlgorithm;
import dev.bulwark.crypto.signature.SigningKey;
import dev.bulwark.guard.Limits;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Fuzzes {@link AuditLogVerifier}: on a genuine log with fuzzer-chosen edits, or on arbitrary text,
 * the verifier returns a result or throws {@link AuditTamperedException}; nothing else escapes, and
 * an edited log that still verifies must be byte-identical to the genuine one.
 */
class AuditLogVerifierFuzzTest {
  private static final AuditKeys KEYS = new AuditKeys(
      MacKey.insecureFromBytes(MacAlgorithm.HMAC_SHA256, new byte[32]),
      SigningKey.generate(SignatureAlgorithm.ED25519), Optional.empty());
  private static final String GENUINE = writeGenuine();

  private static String writeGenuine() {
    try {
      Path dir = Files.createTempDirectory("audit-fuzz");
      Path log = dir.resolve("audit.log");
      try (AuditLog audit = AuditLog.open(log, KEYS, 3, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Limits.defaults())) {
        for (int i = 0; i < 7; i++) {
          audit.append(AuditEvent.of("login", "user" + i, "success"));
        }
      }
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (AuditTamperedException | AuditWriteException e) {
      throw new IllegalStateException(e);
    }
  }

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
