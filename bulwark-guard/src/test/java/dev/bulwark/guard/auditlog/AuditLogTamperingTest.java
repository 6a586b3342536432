package dev.bulwark.guard.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.guard.Limits;
import dev.bulwark.guard.auditlog.AuditTamperedException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log tampering (CWE-117/CWE-778, MITRE ATT&CK T1070 "Indicator Removal"): an attacker with write
 * access to the log file edits, deletes, inserts, reorders or truncates records; the verifier
 * finds each and says where.
 *
 * <p>The log written here (checkpoint every 4 records, 10 records, closed) has these lines: R1..R4 at
 * lines 1–4, C4 at 5, R5..R8 at 6–9, C8 at 10, R9 at 11, R10 at 12, C10 at 13.
 */
class AuditLogTamperingTest {
  private static AuditKeys keys;
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  Path log;

  @BeforeAll
  static void generateKeys() {
    keys = AuditKeys.generate();
  }

  @BeforeEach
  void writeLog() throws Exception {
    log = dir.resolve("audit.log");
    try (AuditLog audit = AuditLog.open(log, keys, 4, CLOCK, Limits.defaults())) {
      for (int i = 1; i <= 10; i++) {
        assertThat(audit.append(AuditEvent.of("login", "user" + i, i % 3 == 0 ? "denied" : "success").with("ip", "203.0.113." + i)))
            .isEqualTo(i);
      }
    }
  }

  private List<String> lines() throws IOException {
    return new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
  }

  private void rewrite(List<String> lines) throws IOException {
    Files.writeString(log, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private AuditTamperedException tampered() {
    AuditTamperedException[] caught = new AuditTamperedException[1];
    assertThatThrownBy(() -> AuditLogVerifier.verify(log, keys.verifyKeys()))
        .isInstanceOfSatisfying(AuditTamperedException.class, e -> caught[0] = e);
    return caught[0];
  }

  @Test
  void untouchedLog_verifies() throws Exception {
    AuditVerification ok = AuditLogVerifier.verify(log, keys.verifyKeys());
    assertThat(ok.records()).isEqualTo(10);
    assertThat(ok.checkpoints()).isEqualTo(3);
    assertThat(ok.lastCheckpointSequence()).isEqualTo(10);
    assertThat(ok.uncheckpointedRecords()).isZero();
    assertThat(ok.headChecked()).isTrue();
    assertThat(lines()).hasSize(13);
  }

  @Test
  void modifiedRecord_isFoundAtItsLine() throws Exception {
    List<String> lines = lines();
    lines.set(6, lines.get(6).replace("\"user6\"", "\"admin\""));
    assertThat(lines.get(6)).contains("admin");
    rewrite(lines);
    AuditTamperedException e = tampered();
    assertThat(e.kind()).isEqualTo(Kind.MODIFIED);
    assertThat(e.lineNumber()).isEqualTo(7);
    assertThat(e.sequence()).isEqualTo(6);
  }

  @Test
  void deletedRecord_isFoundWhereTheGapIs() throws Exception {
    List<String> lines = lines();
    lines.remove(2); // R3
    rewrite(lines);
    AuditTamperedException e = tampered();
    assertThat(e.kind()).isEqualTo(Kind.DELETED);
    assertThat(e.lineNumber()).isEqualTo(3);
    assertThat(e.sequence()).isEqualTo(3);
    assertThat(e.getMessage()).contains("records 3 to 3 are missing");
  }

  @Test
  void replayedRecord_isFoundAsInsertion() throws Exception {
    List<String> lines = lines();
    lines.add(3, lines.get(1)); // R2 again after R3
    rewrite(lines);
    AuditTamperedException e = tampered();
    assertThat(e.kind()).isEqualTo(Kind.INSERTED);
    assertThat(e.lineNumber()).isEqualTo(4);
  }

  @Test
  void forgedRecordWithTheRightSequence_isFoundAsInsertion() throws Exception {
    List<String> lines = lines();
    String genuine = lines.get(2); // R3
    String forged = "R 3 " + "ab".repeat(32) + " " + genuine.substring(genuine.indexOf('{'));
    lines.add(2, forged);
    rewrite(lines);
    AuditTamperedException e = tampered();
    assertThat(e.kind()).isEqualTo(Kind.INSERTED);
    assertThat(e.lineNumber()).isEqualTo(3);
  }

  @Test
  void swappedRecords_areFoundAsReordering() throws Exception {
    List<String> lines = lines();
    String r3 = lines.get(2);
    lines.set(2, lines.get(3));
    lines.set(3, r3);
    rewrite(lines);
    AuditTamperedException e = tampered();
    assertThat(e.kind()).isEqualTo(Kind.REORDERED);
    assertThat(e.lineNumber()).isEqualTo(3);
  }

  @Test
  void recordMovedFarAway_isFoundAsReordering() throws Exception {
    List<String> lines = lines();
    String r2 = lines.remove(1);
    lines.add(7, r2);
    rewrite(lines);
    assertThat(tampered().kind()).isEqualTo(Kind.REORDERED);
  }

  @Test
  void truncationBelowTheSignedHead_isFound() throws Exception {
    rewrite(lines().subList(0, 9)); // up to R8, C8 and later gone
    AuditTamperedException e = tampered();
    assertThat(e.kind()).isEqualTo(Kind.TRUNCATED);
    assertThat(e.getMessage()).contains("after record 8", "covers record 10");
  }

  @Test
  void truncationOfOnlyTheLastCheckpoint_isFound() throws Exception {
    rewrite(lines().subList(0, 12));
    AuditVerification result = AuditLogVerifier.verify(log, keys.verifyKeys());
    // Every record is still there and chained; the missing checkpoint shows as an unsigned tail.
    assertThat(result.uncheckpointedRecords()).isEqualTo(2);
  }

  @Test
  void tamperedCheckpointSignature_isFound() throws Exception {
    List<String> lines = lines();
    String c4 = lines.get(4);
    char last = c4.charAt(c4.length() - 2);
    lines.set(4, c4.substring(0, c4.length() - 2) + (last == 'A' ? 'B' : 'A') + c4.charAt(c4.length() - 1));
    rewrite(lines);
    AuditTamperedException e = tampered();
    assertThat(e.kind()).isEqualTo(Kind.BAD_CHECKPOINT);
    assertThat(e.lineNumber()).isEqualTo(5);
  }

  @Test
  void respelledSequenceNumber_isRefusedNotAcceptedAsTheSameRecord() throws Exception {
    // Found by AuditLogVerifierFuzzTest: "R 06" used to verify as record 6, so a line could change
    // and the log still verify.
    List<String> lines = lines();
    int index = 6;
    assertThat(lines.get(index)).startsWith("R 6 ");
    lines.set(index, "R 06 " + lines.get(index).substring(4));
    rewrite(lines);
    AuditTamperedException e = tampered();
    assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(e.lineNumber()).isEqualTo(index + 1);
  }

  @Test
  void respelledCheckpointSignature_isRefused() throws Exception {
    // A 64-byte signature is 86 base64url characters: the last one carries 4 unused bits, so the
    // JDK decoder would read several spellings as the same signature; the verifier accepts only
    // the canonical one.
    List<String> lines = lines();
    String checkpoint = lines.get(4);
    assertThat(checkpoint).startsWith("C ");
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = alphabet.indexOf(checkpoint.charAt(checkpoint.length() - 1));
    char sibling = alphabet.charAt(last ^ 1); // differs only in an unused low bit
    lines.set(4, checkpoint.substring(0, checkpoint.length() - 1) + sibling);
    rewrite(lines);
    assertThat(tampered().kind()).isIn(Kind.MALFORMED, Kind.BAD_CHECKPOINT);
    lines.set(4, checkpoint + "==");
    rewrite(lines);
    assertThat(tampered().kind()).isIn(Kind.MALFORMED, Kind.BAD_CHECKPOINT);
  }

  @Test
  void wrongKeys_failVerification() {
    AuditKeys other = AuditKeys.generate();
    assertThatThrownBy(() -> AuditLogVerifier.verify(log, other.verifyKeys()))
        .isInstanceOfSatisfying(AuditTamperedException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_CHECKPOINT));
    AuditVerifyKeys wrongMac = new AuditVerifyKeys(other.chainKey(), keys.checkpointKey().verifyingKey(), Optional.empty());
    assertThatThrownBy(() -> AuditLogVerifier.verify(log, wrongMac))
        .isInstanceOfSatisfying(AuditTamperedException.class, e -> assertThat(e.lineNumber()).isEqualTo(1));
  }

  @Test
  void tornLastLine_isMalformedAndTheLogIsNotContinued() throws Exception {
    Files.writeString(log, "R 11 00", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    assertThat(tampered().kind()).isEqualTo(Kind.MALFORMED);
    assertThatThrownBy(() -> AuditLog.open(log, keys)).isInstanceOf(AuditTamperedException.class);
  }

  @Test
  void garbageAndOverlongLines_areMalformed() throws Exception {
    List<String> lines = lines();
    lines.add(3, "hello");
    rewrite(lines);
    assertThat(tampered().kind()).isEqualTo(Kind.MALFORMED);
    rewrite(List.of("R 1 " + "x".repeat(300_000)));
    assertThat(tampered().kind()).isEqualTo(Kind.MALFORMED);
  }

  @Test
  void reopening_continuesTheChain() throws Exception {
    try (AuditLog audit = AuditLog.open(log, keys, 4, CLOCK, Limits.defaults())) {
      assertThat(audit.records()).isEqualTo(10);
      assertThat(audit.append(AuditEvent.of("logout", "user1", "success"))).isEqualTo(11);
    }
    AuditVerification ok = AuditLogVerifier.verify(log, keys.verifyKeys());
    assertThat(ok.records()).isEqualTo(11);
    assertThat(ok.uncheckpointedRecords()).isZero();
  }

  @Test
  void postQuantumCheckpoints_areRequiredWhenConfigured() throws Exception {
    AuditKeys hybrid = AuditKeys.generateWithPostQuantum();
    Path pqLog = dir.resolve("pq.log");
    try (AuditLog audit = AuditLog.open(pqLog, hybrid, 2, CLOCK, Limits.defaults())) {
      for (int i = 0; i < 3; i++) {
        audit.append(AuditEvent.of("key.rotate", "ops", "success"));
      }
    }
    assertThat(AuditLogVerifier.verify(pqLog, hybrid.verifyKeys()).checkpoints()).isEqualTo(2);
    // Strip the ML-DSA-65 signature from the first checkpoint: a downgrade to Ed25519 only.
    List<String> lines = new ArrayList<>(Files.readAllLines(pqLog));
    String c2 = lines.get(2);
    lines.set(2, c2.substring(0, c2.lastIndexOf(' ')));
    Files.writeString(pqLog, String.join("\n", lines) + "\n");
    assertThatThrownBy(() -> AuditLogVerifier.verify(pqLog, hybrid.verifyKeys()))
        .isInstanceOfSatisfying(AuditTamperedException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.BAD_CHECKPOINT);
          assertThat(e.lineNumber()).isEqualTo(3);
        });
  }

  @Test
  void eventsWithLineBreaks_stayOneLineEach() throws Exception {
    Path other = dir.resolve("other.log");
    try (AuditLog audit = AuditLog.open(other, keys)) {
      audit.append(AuditEvent.of("login", "mallory\nR 2 forged", "success\r\n"));
    }
    assertThat(Files.readAllLines(other)).hasSize(2);
    assertThat(AuditLogVerifier.verify(other, keys.verifyKeys()).records()).isEqualTo(1);
  }
}
