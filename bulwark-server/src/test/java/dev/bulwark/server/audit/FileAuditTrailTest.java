package dev.bulwark.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.guard.auditlog.AuditKeys;
import dev.bulwark.guard.auditlog.AuditTamperedException;
import dev.bulwark.guard.auditlog.AuditVerification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAuditTrailTest {
  @TempDir Path temp;
  final AuditKeys keys = AuditKeys.generate();

  @Test
  void record_isReadBackFilteredAndPaged() {
    try (FileAuditTrail trail = FileAuditTrail.open(temp.resolve("audit"), keys)) {
      trail.record("file.upload", "alice", "success", Map.of("file_id", "file_1"));
      trail.record("apikey.create", "bob", "success", Map.of("key_id", "ak_1"));
      trail.record("file.upload", "bob", "success", Map.of("file_id", "file_2"));
      trail.record("file.delete", "alice", "success", Map.of("file_id", "file_1"));

      AuditPage uploads = trail.read(new AuditQuery(Optional.of("file.upload"), Optional.empty(), 0, 10));
      assertThat(uploads.events()).extracting(AuditPage.Entry::actor).containsExactly("alice", "bob");
      assertThat(uploads.events().getFirst().details()).containsEntry("file_id", "file_1");
      assertThat(uploads.nextAfter()).isEmpty();

      AuditPage byAlice = trail.read(new AuditQuery(Optional.empty(), Optional.of("alice"), 0, 10));
      assertThat(byAlice.events()).extracting(AuditPage.Entry::action).containsExactly("file.upload", "file.delete");

      AuditPage first = trail.read(new AuditQuery(Optional.empty(), Optional.empty(), 0, 3));
      assertThat(first.events()).extracting(AuditPage.Entry::sequence).containsExactly(1L, 2L, 3L);
      assertThat(first.nextAfter()).hasValue(3);
      AuditPage second = trail.read(new AuditQuery(Optional.empty(), Optional.empty(), first.nextAfter().getAsLong(), 3));
      assertThat(second.events()).extracting(AuditPage.Entry::sequence).containsExactly(4L);
      assertThat(second.nextAfter()).isEmpty();
    }
  }

  @Test
  void recordedEvents_surviveReopenAndVerify() throws Exception {
    Path dir = temp.resolve("audit");
    try (FileAuditTrail trail = FileAuditTrail.open(dir, keys)) {
      trail.record("session.login", "alice", "success", Map.of());
    }
    try (FileAuditTrail trail = FileAuditTrail.open(dir, keys)) {
      trail.record("session.login", "alice", "failure", Map.of("reason", "bad_password"));
      AuditVerification ok = trail.verify();
      assertThat(ok.records()).isEqualTo(2);
      assertThat(ok.headChecked()).isTrue();
    }
    assertThat(Files.getPosixFilePermissions(dir)).containsExactlyInAnyOrder(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
  }

  @Test
  void concurrentRecords_allLandAndTheChainVerifies() throws Exception {
    try (FileAuditTrail trail = FileAuditTrail.open(temp.resolve("audit"), keys);
        ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<? extends java.util.concurrent.Future<?>> done = IntStream.range(0, 400)
          .mapToObj(i -> pool.submit(() -> trail.record("secret.read", "u" + (i % 7), "success", Map.of("n", Integer.toString(i)))))
          .toList();
      for (var f : done) {
        f.get();
      }
      assertThat(trail.verify().records()).isEqualTo(400);
      assertThat(trail.read(new AuditQuery(Optional.empty(), Optional.of("u3"), 0, 500)).events()).hasSize(57);
    }
  }

  @Test
  void modifiedRecord_isReportedByVerifyAndRefusedOnReopen() throws Exception {
    Path dir = temp.resolve("audit");
    try (FileAuditTrail trail = FileAuditTrail.open(dir, keys)) {
      trail.record("apikey.revoke", "alice", "success", Map.of("key_id", "ak_1"));
      trail.record("apikey.revoke", "alice", "success", Map.of("key_id", "ak_2"));
    }
    Path log = dir.resolve(FileAuditTrail.LOG_FILE);
    String text = Files.readString(log, StandardCharsets.UTF_8);
    Files.writeString(log, text.replace("ak_1", "ak_9"), StandardCharsets.UTF_8);

    assertThatThrownBy(() -> FileAuditTrail.open(dir, keys)).isInstanceOf(AuditUnavailableException.class)
        .hasCauseInstanceOf(AuditTamperedException.class);
  }

  @Test
  void tamperWhileRunning_isFoundByVerify() throws Exception {
    Path dir = temp.resolve("audit");
    try (FileAuditTrail trail = FileAuditTrail.open(dir, keys)) {
      trail.record("file.delete", "alice", "success", Map.of("file_id", "file_1"));
      trail.record("file.delete", "alice", "success", Map.of("file_id", "file_2"));
      Path log = trail.logFile();
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      Files.write(log, List.of(lines.get(1)), StandardCharsets.UTF_8); // first record deleted
      assertThatThrownBy(trail::verify).isInstanceOfSatisfying(AuditTamperedException.class,
          e -> assertThat(e.kind()).isEqualTo(AuditTamperedException.Kind.DELETED));
    }
  }

  @Test
  void truncation_ofSignedRecords_isDetectedEvenWithoutACleanClose() throws Exception {
    Path dir = temp.resolve("audit");
    FileAuditTrail trail = FileAuditTrail.open(dir, keys); // never closed: as after a kill
    for (int i = 0; i < 3 * FileAuditTrail.CHECKPOINT_EVERY_RECORDS + 2; i++) {
      trail.record("secret.write", "alice", "success", Map.of("n", Integer.toString(i)));
    }
    AuditVerification before = trail.verify();
    assertThat(before.lastCheckpointSequence()).isEqualTo(3L * FileAuditTrail.CHECKPOINT_EVERY_RECORDS);
    assertThat(before.headChecked()).isTrue();
    Path log = trail.logFile();
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    Files.write(log, lines.subList(0, 12), StandardCharsets.UTF_8); // an attacker cuts the tail
    assertThatThrownBy(trail::verify).isInstanceOfSatisfying(AuditTamperedException.class,
        e -> assertThat(e.kind()).isEqualTo(AuditTamperedException.Kind.TRUNCATED));
  }

  @Test
  void otherKeys_cannotContinueTheLog() {
    Path dir = temp.resolve("audit");
    try (FileAuditTrail trail = FileAuditTrail.open(dir, keys)) {
      trail.record("admin.enrol", "root", "success", Map.of());
    }
    assertThatThrownBy(() -> FileAuditTrail.open(dir, AuditKeys.generate())).isInstanceOf(AuditUnavailableException.class);
  }

  @Test
  void recordAfterClose_throwsInsteadOfDroppingTheEvent() {
    FileAuditTrail trail = FileAuditTrail.open(temp.resolve("audit"), keys);
    trail.close();
    assertThatThrownBy(() -> trail.record("file.upload", "alice", "success", Map.of()))
        .isInstanceOf(AuditUnavailableException.class);
  }

  private static final int WRITERS = 48;
  private static final int EVENTS_EACH = 25;

  /** Runs {@code WRITERS} virtual threads that each record {@code EVENTS_EACH} events in order. */
  private static Set<String> writeConcurrently(FileAuditTrail trail, Set<String> failed, Runnable midway) throws Exception {
    Set<String> durable = ConcurrentHashMap.newKeySet();
    CountDownLatch someDone = new CountDownLatch(WRITERS * EVENTS_EACH / 4);
    List<Future<?>> writers = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < WRITERS; w++) {
        String writer = "w" + w;
        writers.add(pool.submit(() -> {
          for (int i = 0; i < EVENTS_EACH; i++) {
            String id = writer + ":" + i;
            try {
              trail.record("secret.read", writer, "success", Map.of("n", Integer.toString(i)));
              durable.add(id);
            } catch (AuditUnavailableException e) {
              failed.add(id);
            }
            someDone.countDown();
          }
        }));
      }
      someDone.await();
      midway.run();
      for (Future<?> f : writers) {
        f.get();
      }
    }
    return durable;
  }

  private static Map<String, List<Integer>> eventsByWriter(FileAuditTrail trail) {
    Map<String, List<Integer>> byWriter = new HashMap<>();
    long after = 0;
    while (true) {
      AuditPage page = trail.read(new AuditQuery(Optional.empty(), Optional.empty(), after, 500));
      for (AuditPage.Entry e : page.events()) {
        byWriter.computeIfAbsent(e.actor(), a -> new ArrayList<>()).add(Integer.parseInt(e.details().get("n")));
      }
      if (page.nextAfter().isEmpty()) {
        return byWriter;
      }
      after = page.nextAfter().getAsLong();
    }
  }

  @Test
  void groupCommit_manyConcurrentWriters_everyEventOnceInEachWritersOrder_andTheChainVerifies() throws Exception {
    Path dir = temp.resolve("audit");
    try (FileAuditTrail trail = FileAuditTrail.open(dir, keys)) {
      Set<String> failed = ConcurrentHashMap.newKeySet();
      Set<String> durable = writeConcurrently(trail, failed, () -> {});
      assertThat(failed).isEmpty();
      assertThat(durable).hasSize(WRITERS * EVENTS_EACH);
      assertThat(trail.verify().records()).isEqualTo(WRITERS * EVENTS_EACH);
      Map<String, List<Integer>> byWriter = eventsByWriter(trail);
      assertThat(byWriter).hasSize(WRITERS);
      List<Integer> inOrder = IntStream.range(0, EVENTS_EACH).boxed().toList();
      byWriter.values().forEach(events -> assertThat(events).isEqualTo(inOrder));
    }
    try (FileAuditTrail reopened = FileAuditTrail.open(dir, keys)) {
      assertThat(reopened.verify().records()).isEqualTo(WRITERS * EVENTS_EACH);
    }
  }

  @Test
  void groupCommit_whenTheLogFailsUnderWriters_everyLaterCallerFails_andEveryAcknowledgedEventIsInTheLog() throws Exception {
    Path dir = temp.resolve("audit");
    Set<String> failed = ConcurrentHashMap.newKeySet();
    Set<String> durable;
    try (FileAuditTrail trail = FileAuditTrail.open(dir, keys)) {
      durable = writeConcurrently(trail, failed, () -> {
        try {
          trail.auditLog().close(); // from here every append fails, as after a write error
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      assertThatThrownBy(() -> trail.record("secret.read", "late", "success", Map.of()))
          .isInstanceOf(AuditUnavailableException.class);
    }
    assertThat(failed).isNotEmpty();
    assertThat(durable.size() + failed.size()).isEqualTo(WRITERS * EVENTS_EACH);
    try (FileAuditTrail reopened = FileAuditTrail.open(dir, keys)) {
      assertThat(reopened.verify().records()).isEqualTo(durable.size());
      Set<String> logged = ConcurrentHashMap.newKeySet();
      eventsByWriter(reopened).forEach((writer, events) -> events.forEach(n -> logged.add(writer + ":" + n)));
      assertThat(logged).isEqualTo(durable);
    }
  }

  @Test
  void close_underWriters_writesEveryQueuedEvent_andRefusesLaterOnes() throws Exception {
    Path dir = temp.resolve("audit");
    Set<String> failed = ConcurrentHashMap.newKeySet();
    FileAuditTrail trail = FileAuditTrail.open(dir, keys);
    Set<String> durable = writeConcurrently(trail, failed, trail::close);
    assertThat(durable.size() + failed.size()).isEqualTo(WRITERS * EVENTS_EACH);
    assertThat(failed).isNotEmpty();
    try (FileAuditTrail reopened = FileAuditTrail.open(dir, keys)) {
      AuditVerification verified = reopened.verify();
      assertThat(verified.records()).isEqualTo(durable.size());
      assertThat(verified.lastCheckpointSequence()).isEqualTo(durable.size());
    }
  }

  @Test
  void anOversizedEvent_failsOnlyItsCaller() {
    try (FileAuditTrail trail = FileAuditTrail.open(temp.resolve("audit"), keys)) {
      String huge = "x".repeat(dev.bulwark.guard.Limits.defaults().maxStringLength() + 1);
      assertThatThrownBy(() -> trail.record("secret.write", "alice", "success", Map.of("path", huge)))
          .isInstanceOf(IllegalArgumentException.class);
      trail.record("secret.write", "alice", "success", Map.of("path", "ok"));
      assertThat(trail.read(new AuditQuery(Optional.empty(), Optional.empty(), 0, 10)).events())
          .extracting(e -> e.details().get("path")).containsExactly("ok");
    }
  }

  @Test
  void groupCommit_oversizedEventsAmongConcurrentWriters_failOnlyTheirOwnCallers() throws Exception {
    String huge = "x".repeat(dev.bulwark.guard.Limits.defaults().maxStringLength());
    Set<String> refused = ConcurrentHashMap.newKeySet();
    Set<String> durable = ConcurrentHashMap.newKeySet();
    Set<String> unexpected = ConcurrentHashMap.newKeySet();
    try (FileAuditTrail trail = FileAuditTrail.open(temp.resolve("audit"), keys)) {
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int w = 0; w < WRITERS; w++) {
          String writer = "w" + w;
          pool.submit(() -> {
            for (int i = 0; i < EVENTS_EACH; i++) {
              String id = writer + ":" + i;
              boolean oversized = i % 5 == 2;
              try {
                trail.record("secret.read", writer, "success",
                    Map.of("n", Integer.toString(i), "pad", oversized ? huge : ""));
                (oversized ? unexpected : durable).add(id);
              } catch (IllegalArgumentException e) {
                (oversized ? refused : unexpected).add(id);
              } catch (RuntimeException e) {
                unexpected.add(id);
              }
            }
          });
        }
      }
      assertThat(unexpected).isEmpty();
      assertThat(refused).hasSize(WRITERS * (EVENTS_EACH / 5));
      assertThat(trail.verify().records()).isEqualTo(durable.size()).isEqualTo(WRITERS * EVENTS_EACH - refused.size());
      List<Integer> valid = IntStream.range(0, EVENTS_EACH).filter(i -> i % 5 != 2).boxed().toList();
      Map<String, List<Integer>> byWriter = eventsByWriter(trail);
      assertThat(byWriter).hasSize(WRITERS);
      byWriter.values().forEach(events -> assertThat(events).isEqualTo(valid));
    }
  }
}
