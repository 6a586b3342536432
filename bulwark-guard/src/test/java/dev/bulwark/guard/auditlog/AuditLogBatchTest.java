package dev.bulwark.guard.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.guard.Limits;
import dev.bulwark.guard.auditlog.AuditLogFailClosedTest.FullDisk;
import dev.bulwark.guard.auditlog.AuditTamperedException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AuditLog#appendAll}: a batch shares one write and one fsync (group commit) and must keep
 * every property of single appends: the chain verifies, checkpoints stay where the verifier accepts
 * them, an invalid event writes nothing (CWE-778: no partial batch), and a failed write fails closed.
 */
class AuditLogBatchTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);
  private static AuditKeys keys;

  @TempDir Path dir;

  @BeforeAll
  static void generateKeys() {
    keys = AuditKeys.generate();
  }

  private static List<AuditEvent> events(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> AuditEvent.of("secret.read", "user" + i, "success")).toList();
  }

  private static AuditEvent oversized() {
    return AuditEvent.of("secret.read", "mallory", "success").with("path", "x".repeat(Limits.defaults().maxStringLength()));
  }

  private AuditLog logOn(FullDisk disk, int checkpointEvery) {
    return new AuditLog(disk, keys, CLOCK, checkpointEvery, Limits.defaults(), AuditLogVerifier.empty());
  }

  private static List<String> kindsAndSeqs(Path log) throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(l -> l.substring(0, l.indexOf(' ', 2))).toList();
  }

  @Test
  void batches_chainInOrder_verify_andContinueAfterReopen() throws Exception {
    Path log = dir.resolve("audit.log");
    try (AuditLog audit = AuditLog.open(log, keys, 4, CLOCK, Limits.defaults())) {
      assertThat(audit.appendAll(events(1, 3))).isEqualTo(3);
      assertThat(audit.appendAll(events(4, 5))).isEqualTo(5);
      assertThat(audit.records()).isEqualTo(5);
    }
    assertThat(kindsAndSeqs(log)).containsExactly("R 1", "R 2", "R 3", "R 4", "R 5", "C 5");
    assertThat(Files.readAllLines(log, StandardCharsets.UTF_8).get(3)).contains("\"actor\":\"user4\"");
    try (AuditLog audit = AuditLog.open(log, keys, 4, CLOCK, Limits.defaults())) {
      assertThat(audit.records()).isEqualTo(5);
      assertThat(audit.append(AuditEvent.of("secret.read", "user6", "success"))).isEqualTo(6);
      assertThat(audit.appendAll(events(7, 8))).isEqualTo(8);
    }
    AuditVerification ok = AuditLogVerifier.verify(log, keys.verifyKeys());
    assertThat(ok.records()).isEqualTo(8);
    assertThat(ok.checkpoints()).isEqualTo(2);
    assertThat(ok.lastCheckpointSequence()).isEqualTo(8);
    assertThat(ok.headChecked()).isTrue();
    assertThat(kindsAndSeqs(log)).containsExactly("R 1", "R 2", "R 3", "R 4", "R 5", "C 5", "R 6", "R 7", "R 8", "C 8");
  }

  @Test
  void batchCrossingTheInterval_endsWithOneCheckpointOverTheWholeChain() throws Exception {
    Path log = dir.resolve("audit.log");
    AuditLog audit = AuditLog.open(log, keys, 4, CLOCK, Limits.defaults());
    assertThat(audit.appendAll(events(1, 3))).isEqualTo(3);
    assertThat(audit.head()).isEmpty();
    assertThat(audit.appendAll(events(4, 13))).isEqualTo(13);
    // Verified before close, so the checkpoint must come from the batch itself, not from close().
    AuditVerification ok = AuditLogVerifier.verify(log, keys.verifyKeys());
    assertThat(ok.records()).isEqualTo(13);
    assertThat(ok.checkpoints()).isEqualTo(1);
    assertThat(ok.lastCheckpointSequence()).isEqualTo(13);
    assertThat(ok.uncheckpointedRecords()).isZero();
    assertThat(ok.headChecked()).isTrue();
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(14);
    assertThat(lines.getLast()).startsWith("C 13 ").isEqualTo(audit.head().orElseThrow());
    assertThat(AuditHeadFile.candidates(AuditLog.headPath(log)).orElseThrow()).containsExactly(lines.getLast());
    audit.close();
    // Nothing new since the batch's checkpoint, so close adds none.
    assertThat(Files.readAllLines(log, StandardCharsets.UTF_8)).hasSize(14);
  }

  @Test
  void batchBelowTheInterval_isChainedButNotSigned() throws Exception {
    Path log = dir.resolve("audit.log");
    AuditLog audit = AuditLog.open(log, keys, 4, CLOCK, Limits.defaults());
    audit.appendAll(events(1, 3));
    AuditVerification ok = AuditLogVerifier.verify(log, keys.verifyKeys());
    assertThat(ok.records()).isEqualTo(3);
    assertThat(ok.checkpoints()).isZero();
    assertThat(ok.uncheckpointedRecords()).isEqualTo(3);
    audit.close();
  }

  @Test
  void aBatch_isOneWriteAndOneSync_evenWithItsCheckpoint() throws Exception {
    FullDisk disk = new FullDisk(1 << 20);
    AuditLog audit = logOn(disk, 4);
    audit.appendAll(events(1, 3));
    assertThat(disk.appends).isEqualTo(1);
    assertThat(disk.syncs).isEqualTo(1);
    assertThat(disk.heads).isZero();
    audit.appendAll(events(4, 9));
    assertThat(disk.appends).isEqualTo(2);
    assertThat(disk.syncs).isEqualTo(2);
    assertThat(disk.heads).isEqualTo(1);
    String content = disk.written.toString(StandardCharsets.UTF_8);
    AuditVerification ok = AuditLogVerifier.verify(content, Optional.of(disk.head), keys.verifyKeys());
    assertThat(ok.records()).isEqualTo(9);
    assertThat(ok.lastCheckpointSequence()).isEqualTo(9);
  }

  @Test
  void oneOversizedEvent_failsTheWholeBatch_withNothingWritten_andTheLogStaysUsable() throws Exception {
    FullDisk disk = new FullDisk(1 << 20);
    AuditLog audit = logOn(disk, 4);
    List<AuditEvent> batch = new ArrayList<>(events(1, 5));
    batch.set(1, oversized());
    batch.set(4, oversized());
    assertThatThrownBy(() -> audit.appendAll(batch))
        .isInstanceOfSatisfying(AuditEventTooLargeException.class, e -> assertThat(e.rejected()).containsExactly(1, 4));
    assertThat(disk.written.size()).isZero();
    assertThat(disk.appends).isZero();
    assertThat(disk.heads).isZero();
    assertThat(audit.records()).isZero();
    assertThatThrownBy(() -> audit.append(oversized())).isInstanceOf(AuditEventTooLargeException.class);
    assertThat(audit.appendAll(events(1, 2))).isEqualTo(2);
    AuditVerification ok = AuditLogVerifier.verify(disk.written.toString(StandardCharsets.UTF_8), Optional.empty(), keys.verifyKeys());
    assertThat(ok.records()).isEqualTo(2);
  }

  @Test
  void aNullEvent_failsTheWholeBatch_withNothingWritten() throws Exception {
    FullDisk disk = new FullDisk(1 << 20);
    AuditLog audit = logOn(disk, 4);
    List<AuditEvent> batch = Arrays.asList(AuditEvent.of("secret.read", "alice", "success"), null);
    assertThatThrownBy(() -> audit.appendAll(batch)).isInstanceOf(NullPointerException.class);
    assertThat(disk.appends).isZero();
    assertThat(audit.records()).isZero();
  }

  @Test
  void tornWriteMidBatch_failsClosed_andKeepsTheChainAtTheLastDurableRecord() throws Exception {
    FullDisk disk = new FullDisk(600);
    AuditLog audit = logOn(disk, 100);
    assertThat(audit.appendAll(events(1, 1))).isEqualTo(1);
    int before = disk.written.size();
    assertThatThrownBy(() -> audit.appendAll(events(2, 6)))
        .isInstanceOf(AuditWriteException.class)
        .hasMessageContaining("refuse the audited operation");
    // Part of the batch reached the "disk", but the log did not advance past record 1.
    assertThat(disk.written.size()).isGreaterThan(before);
    assertThat(audit.records()).isEqualTo(1);
    assertThatThrownBy(() -> audit.appendAll(events(2, 2))).isInstanceOf(AuditWriteException.class).hasMessageContaining("failed earlier");
    assertThatThrownBy(() -> audit.appendAll(List.of())).isInstanceOf(AuditWriteException.class);
    assertThatThrownBy(audit::checkpoint).isInstanceOf(AuditWriteException.class);
    assertThat(disk.heads).isZero();
    String content = disk.written.toString(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> AuditLogVerifier.verify(content, Optional.empty(), keys.verifyKeys()))
        .isInstanceOfSatisfying(AuditTamperedException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED));
  }

  @Test
  void failedSync_failsTheBatch_andTheLog_withoutPublishingAHead() throws Exception {
    FullDisk disk = new FullDisk(1 << 20) {
      @Override
      public void sync() throws IOException {
        throw new IOException("Input/output error");
      }
    };
    AuditLog audit = logOn(disk, 2);
    assertThatThrownBy(() -> audit.appendAll(events(1, 3))).isInstanceOf(AuditWriteException.class);
    assertThat(audit.records()).isZero();
    assertThat(audit.head()).isEmpty();
    assertThat(disk.heads).isZero();
    assertThatThrownBy(() -> audit.append(AuditEvent.of("secret.read", "alice", "success")))
        .isInstanceOf(AuditWriteException.class)
        .hasMessageContaining("failed earlier");
  }

  @Test
  void emptyBatch_writesNothing_andReturnsTheLastSequenceNumber() throws Exception {
    FullDisk disk = new FullDisk(1 << 20);
    AuditLog audit = logOn(disk, 1);
    assertThat(audit.appendAll(List.of())).isZero();
    assertThat(disk.appends).isZero();
    assertThat(audit.appendAll(events(1, 2))).isEqualTo(2);
    int heads = disk.heads;
    int appends = disk.appends;
    assertThat(audit.appendAll(List.of())).isEqualTo(2);
    assertThat(disk.appends).isEqualTo(appends);
    assertThat(disk.heads).isEqualTo(heads);
    assertThat(audit.records()).isEqualTo(2);
  }
}
