package dev.bulwark.guard.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.guard.Limits;
import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the head file's reader ({@link AuditHeadFile#candidates(byte[])} and the verifier's choice
 * among its slots): on a genuine slotted head file with fuzzer-chosen byte edits, or on arbitrary
 * bytes, reading returns a head or throws {@link AuditTamperedException} of kind BAD_CHECKPOINT;
 * nothing else escapes, and a head that is taken is one the writer signed, so the genuine log never
 * reads as truncated.
 */
class AuditHeadFileFuzzTest {
  private static final AuditKeys KEYS = GenuineAuditLog.KEYS;
  private static final String LOG = GenuineAuditLog.INSTANCE.log();
  private static final byte[] HEAD_FILE = GenuineAuditLog.INSTANCE.headFile();
  /** The checkpoints the writer signed: a head taken from any file must be one of them. */
  private static final List<AuditFormat.Line> SIGNED =
      LOG.lines().filter(line -> line.startsWith("C ")).map(AuditFormat::parse).toList();

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
      AuditFormat.Line head = AuditLogVerifier.newestHead(candidates, KEYS.verifyKeys());
      assertThat(SIGNED).anyMatch(line -> line.seq() == head.seq() && Arrays.equals(line.mac(), head.mac())
          && Arrays.equals(line.signature(), head.signature()));
      AuditVerification result = AuditLogVerifier.run(new StringReader(LOG), head, KEYS.verifyKeys(), Limits.defaults()).result();
      assertThat(result.records()).isEqualTo(7);
      assertThat(result.headChecked()).isTrue();
    } catch (AuditTamperedException expected) {
      assertThat(expected.kind()).isEqualTo(AuditTamperedException.Kind.BAD_CHECKPOINT);
    }
  }
}
