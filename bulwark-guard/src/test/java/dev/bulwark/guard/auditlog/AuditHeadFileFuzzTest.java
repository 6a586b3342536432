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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fuzzes the head file's reader ({@link AuditHeadFile#candidates(byte[])} and the verifier's choice
 * among its slots): on a genuine slotted head file with fuzzer-chosen byte edits, or on arbitrary
 * bytes, reading returns a head or throws {@link AuditTamperedException} of kind BAD_CHECKPOINT;
 * nothing else escapes, and a head that is taken is one the writer signed, so the genuine log never
 * reads as truncated.
 */
class AuditHeadFileFuzzTest {
  private static final AuditKeys KEYS = new AuditKeys(
      MacKey.insecureFromBytes(MacAlgorithm.HMAC_SHA256, new byte[32]),
      SigningKey.generate(SignatureAlgorithm.ED25519), Optional.empty());
  private static final String LOG;
  private static final byte[] HEAD_FILE;
  private static final Set<String> SIGNED;

  static {
    try {
      Path dir = Files.createTempDirectory("audit-head-fuzz");
      Path log = dir.resolve("audit.log");
      try (AuditLog audit = AuditLog.open(log, KEYS, 3, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Limits.defaults())) {
        for (int i = 0; i < 7; i++) {
          audit.append(AuditEvent.of("login", "user" + i, "success"));
        }
      }
      LOG = Files.readString(log, StandardCharsets.UTF_8);
      HEAD_FILE = Files.readAllBytes(AuditLog.headPath(log));
      SIGNED = Set.copyOf(LOG.lines().filter(line -> line.startsWith("C ")).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (AuditTamperedException | AuditWriteException e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest
  void headFile_yieldsASignedHeadOrABadCheckpoint(FuzzedDataProvider data) throws IOException {
    byte[] file;
    if (data.consumeBoolean()) {
      file = HEAD_FILE.clone();
      int edits = data.consumeInt(1, 4);
      for (int i = 0; i < edits; i++) {
        byte[] bytes = data.consumeBytes(64);
        int at = data.consumeInt(0, file.length - 1);
        System.arraycopy(bytes, 0, file, at, Math.min(bytes.length, file.length - at));
      }
    } else {
      file = data.consumeRemainingAsBytes();
    }
    List<String> candidates = AuditHeadFile.candidates(file);
    assertThat(candidates.size()).isBetween(0, 2);
    try {
      String head = AuditLogVerifier.newestHead(candidates, KEYS.verifyKeys());
      assertThat(SIGNED).contains(head);
      AuditVerification result = AuditLogVerifier.verify(new StringReader(LOG), Optional.of(head), KEYS.verifyKeys(),
          Limits.defaults());
      assertThat(result.records()).isEqualTo(7);
      assertThat(result.headChecked()).isTrue();
    } catch (AuditTamperedException expected) {
      assertThat(expected.kind()).isEqualTo(AuditTamperedException.Kind.BAD_CHECKPOINT);
    }
  }
}
