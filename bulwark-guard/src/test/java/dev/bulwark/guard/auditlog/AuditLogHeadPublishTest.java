package dev.bulwark.guard.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.guard.Limits;
import dev.bulwark.guard.auditlog.AuditLogFailClosedTest.FullDisk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The head is published outside the append lock: a batch's write and {@code fsync} may overlap the
 * previous batch's head publish, but heads still reach the head file one at a time and in order
 * (never an older over a newer), no append returns before the head covers every checkpoint written
 * before or with it (else truncation below it would go unnoticed), and a failed publish still fails
 * the log and every append waiting for that head.
 */
class AuditLogHeadPublishTest {
  private static final long WAIT_SECONDS = 10;

  private final AuditKeys keys = AuditKeys.generate();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  /** A sink whose head publishes can be held (to catch a batch mid-publish) or fail, recording every head. */
  static final class SlowHead extends FullDisk {
    final List<Long> published = new ArrayList<>();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean hold;
    volatile boolean fail;

    SlowHead() {
      super(1 << 24);
    }

    @Override
    public void publishHead(String checkpointLine) throws IOException {
      if (hold) {
        hold = false;
        entered.countDown();
        try {
          if (!release.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IOException("test: never released");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("test: interrupted", e);
        }
      }
      if (fail) {
        throw new IOException("read-only file system");
      }
      synchronized (published) {
        published.add(AuditFormat.parse(checkpointLine).seq());
      }
      super.publishHead(checkpointLine);
    }
  }

  private AuditLog logOn(AuditSink sink, int checkpointEvery) {
    return new AuditLog(sink, keys, Clock.systemUTC(), checkpointEvery, Limits.defaults(), AuditLogVerifier.empty());
  }

  private static List<AuditEvent> events(int count) {
    return IntStream.range(0, count).mapToObj(i -> AuditEvent.of("secret.read", "user" + i, "success")).toList();
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Appends {@code count} events on another thread, which is then held inside its head publish. */
  private Future<Long> heldInItsHeadPublish(AuditLog audit, SlowHead disk, int count) throws InterruptedException {
    disk.hold = true;
    Future<Long> held = threads.submit(() -> audit.appendAll(events(count)));
    assertThat(disk.entered.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    return held;
  }

  /** Appends {@code count} events on another thread; returns once they are written and synced. */
  private Future<Long> writtenMeanwhile(AuditLog audit, int count) throws InterruptedException {
    CountDownLatch written = new CountDownLatch(1);
    Future<Long> append = threads.submit(() -> audit.appendAll(events(count), written::countDown));
    assertThat(written.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    return append;
  }

  @Test
  void theNextBatchIsWrittenWhileAHeadIsPublished_butReturnsOnlyOnceTheHeadCoversIt() throws Exception {
    SlowHead disk = new SlowHead();
    AuditLog audit = logOn(disk, 3);
    Future<Long> first = heldInItsHeadPublish(audit, disk, 3);
    // Written and synced while the first batch's head is still being published: no shared lock.
    Future<Long> second = writtenMeanwhile(audit, 1);
    assertThat(audit.records()).isEqualTo(4);
    assertThat(disk.syncs).isEqualTo(2);
    // Neither batch is acknowledged before the head covers record 3.
    Thread.sleep(100);
    assertThat(first).isNotDone();
    assertThat(second).isNotDone();
    assertThat(audit.head()).isEmpty();

    disk.release.countDown();
    assertThat(get(first)).isEqualTo(3);
    assertThat(get(second)).isEqualTo(4);
    assertThat(disk.published).containsExactly(3L);
    assertThat(AuditFormat.parse(audit.head().orElseThrow()).seq()).isEqualTo(3);
  }

  @Test
  void waitingPublishes_shareTheNewestHead_andHeadsNeverGoBackwards() throws Exception {
    SlowHead disk = new SlowHead();
    AuditLog audit = logOn(disk, 2);
    Future<Long> first = heldInItsHeadPublish(audit, disk, 2);
    // Three more checkpointed batches are written while the first head is held.
    List<Future<Long>> later = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      later.add(writtenMeanwhile(audit, 2));
    }
    disk.release.countDown();
    assertThat(get(first)).isEqualTo(2);
    for (Future<Long> f : later) {
      get(f);
    }
    // Record 2's head, then at most one more publish: the newest (8), which covers 4 and 6 too.
    assertThat(disk.published).containsExactly(2L, 8L);
    assertThat(AuditFormat.parse(audit.head().orElseThrow()).seq()).isEqualTo(8);
  }

  @Test
  void concurrentAppends_publishHeadsInIncreasingOrder_andTheLogVerifiesAgainstTheLastHead() throws Exception {
    SlowHead disk = new SlowHead();
    AuditLog audit = logOn(disk, 3);
    List<Future<Long>> all = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      all.add(threads.submit(() -> {
        long last = 0;
        for (int i = 0; i < 25; i++) {
          last = audit.appendAll(events(1 + i % 4));
        }
        return last;
      }));
    }
    for (Future<Long> f : all) {
      get(f);
    }
    audit.close();
    assertThat(disk.published).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
    assertThat(disk.published.getLast()).isEqualTo(audit.records());
    String content = disk.written.toString(StandardCharsets.UTF_8);
    AuditVerification ok = AuditLogVerifier.verify(content, audit.head(), keys.verifyKeys());
    assertThat(ok.records()).isEqualTo(audit.records());
    assertThat(ok.headChecked()).isTrue();
  }

  @Test
  void aFailedPublish_failsTheBatchesWaitingForIt_andTheLog() throws Exception {
    SlowHead disk = new SlowHead();
    AuditLog audit = logOn(disk, 2);
    disk.fail = true;
    Future<Long> first = heldInItsHeadPublish(audit, disk, 2);
    Future<Long> second = writtenMeanwhile(audit, 1);

    disk.release.countDown();
    assertThatThrownBy(() -> get(first)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(AuditWriteException.class).hasMessageContaining("could not publish the audit head");
    assertThatThrownBy(() -> get(second)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(AuditWriteException.class).hasMessageContaining("refuse the audited operation");
    assertThat(audit.head()).isEmpty();
    assertThatThrownBy(() -> audit.append(AuditEvent.of("secret.read", "alice", "success")))
        .isInstanceOf(AuditWriteException.class).hasMessageContaining("failed earlier");
  }

  @Test
  void theWrittenHook_runsOnlyForABatchThatWasWritten() throws Exception {
    FullDisk disk = new FullDisk(1 << 20);
    AuditLog audit = logOn(disk, 100);
    AtomicBoolean ran = new AtomicBoolean();
    AuditEvent oversized = AuditEvent.of("secret.read", "mallory", "success")
        .with("path", "x".repeat(Limits.defaults().maxStringLength()));
    assertThatThrownBy(() -> audit.appendAll(List.of(oversized), () -> ran.set(true)))
        .isInstanceOf(AuditEventTooLargeException.class);
    assertThat(ran).isFalse();
    assertThat(audit.appendAll(events(2), () -> ran.set(true))).isEqualTo(2);
    assertThat(ran).isTrue();

    FullDisk full = new FullDisk(10);
    AuditLog failing = logOn(full, 100);
    AtomicBoolean ranOnFailure = new AtomicBoolean();
    assertThatThrownBy(() -> failing.appendAll(events(1), () -> ranOnFailure.set(true)))
        .isInstanceOf(AuditWriteException.class);
    assertThat(ranOnFailure).isFalse();
  }

  @Test
  void checkpointAndClose_waitForAHeadAnotherAppendIsPublishing() throws Exception {
    SlowHead disk = new SlowHead();
    AuditLog audit = logOn(disk, 2);
    Future<Long> first = heldInItsHeadPublish(audit, disk, 2);
    // No record since the checkpoint: checkpoint() writes nothing, but must not return before the head.
    Future<Void> checkpoint = threads.submit(() -> {
      audit.checkpoint();
      return null;
    });
    Thread.sleep(100);
    assertThat(checkpoint).isNotDone();
    disk.release.countDown();
    get(first);
    get(checkpoint);
    assertThat(disk.published).containsExactly(2L);
    // close() signs the record after the last checkpoint and returns only once that is the head.
    audit.append(AuditEvent.of("secret.read", "alice", "success"));
    audit.close();
    assertThat(disk.published).containsExactly(2L, 3L);
    assertThat(AuditFormat.parse(audit.head().orElseThrow()).seq()).isEqualTo(3);
    String content = disk.written.toString(StandardCharsets.UTF_8);
    assertThat(AuditLogVerifier.verify(content, audit.head(), keys.verifyKeys()).lastCheckpointSequence()).isEqualTo(3);
  }

  @Test
  void close_publishesTheFinalHeadBeforeClosingTheFile_andReportsAFailedClose() throws Exception {
    List<String> order = new ArrayList<>();
    FullDisk disk = new FullDisk(1 << 20);
    AuditSink sink = new AuditSink() {
      @Override
      public void append(byte[] line) throws IOException {
        disk.append(line);
      }

      @Override
      public void sync() throws IOException {
        disk.sync();
      }

      @Override
      public void publishHead(String checkpointLine) throws IOException {
        order.add("head " + AuditFormat.parse(checkpointLine).seq());
        disk.publishHead(checkpointLine);
      }

      @Override
      public void close() throws IOException {
        order.add("close");
        throw new IOException("Input/output error");
      }
    };
    AuditLog audit = logOn(sink, 100);
    audit.appendAll(events(3));
    assertThatThrownBy(audit::close).isInstanceOf(AuditWriteException.class).hasMessageContaining("could not close");
    assertThat(order).containsExactly("head 3", "close");
    assertThat(AuditFormat.parse(audit.head().orElseThrow()).seq()).isEqualTo(3);
    assertThatThrownBy(() -> audit.append(AuditEvent.of("secret.read", "alice", "success")))
        .isInstanceOf(AuditWriteException.class).hasMessageContaining("closed");
    audit.close(); // a second close does nothing
    assertThat(order).containsExactly("head 3", "close");
  }
}
