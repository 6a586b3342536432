package dev.bulwark.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.aead.Aead;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.storage.Database;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The data-key rotation job's contract on every database engine. */
abstract class AbstractDataKeyRotationTest {
  Database db;
  Aead root;
  RecordingAuditTrail audit;
  final List<Runnable> parked = new ArrayList<>();

  abstract Database openDatabase();

  @BeforeEach
  void setUp() {
    db = openDatabase();
    root = AeadKey.generate(AeadAlgorithm.AES256_GCM).aead();
    audit = new RecordingAuditTrail();
  }

  @AfterEach
  void tearDown() {
    TestDatabases.dropSchema(db);
    db.close();
  }

  /**
   * Writes {@code owners x paths x versions} secret versions: the first version of each path one
   * string, the second (if any) a field map, so that rewrapping is checked for both kinds.
   */
  SecretStore seed(DataKeys keys, int owners, int paths, int versions) throws PublicError {
    SecretStore store = new SecretStore(db, keys, audit, Clock.systemUTC());
    for (int o = 0; o < owners; o++) {
      for (int p = 0; p < paths; p++) {
        for (int v = 0; v < versions; v++) {
          String text = "value-" + o + "-" + p + "-" + v;
          SecretContent content = v == 1
              ? new SecretContent.Fields(java.util.Map.of("v", text))
              : new SecretContent.Text(text);
          store.put("owner-" + o, new SecretPath("p/" + p), content, OptionalInt.empty());
        }
      }
    }
    return store;
  }

  long versionsUnder(long keyId) {
    return db.read(c -> {
      try (var s = c.prepareStatement("SELECT COUNT(*) FROM secret_versions WHERE data_key_id = ?")) {
        s.setLong(1, keyId);
        try (var r = s.executeQuery()) {
          r.next();
          return r.getLong(1);
        }
      }
    });
  }

  @Test
  void rotationJob_rewrapsEveryVersionAndReportsProgress() throws Exception {
    DataKeys keys = DataKeys.open(db, root);
    long oldKey = Integer.toUnsignedLong(keys.primaryKeyId());
    SecretStore store = seed(keys, 3, 4, 2);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (DataKeyRotation rotation = new DataKeyRotation(db, keys, audit, Clock.systemUTC(), pool)) {
      RotationJob job = rotation.start("admin-1");
      assertThat(job.total()).isEqualTo(24);
      assertThatThrownBy(() -> rotation.start("admin-1"))
          .isInstanceOfSatisfying(PublicError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
      RotationJob done = awaitFinished(rotation, job.id());
      assertThat(done.done()).isEqualTo(24);
      assertThat(done.failed()).isZero();
      assertThat(versionsUnder(oldKey)).isZero();
      assertThat(versionsUnder(job.targetKeyId())).isEqualTo(24);
      assertThat(store.get("owner-2", new SecretPath("p/3"), OptionalInt.of(1)).value()).isEqualTo("value-2-3-0");
      awaitWorkerIdle(pool);
      assertThat(((SecretContent.Fields) store.get("owner-2", new SecretPath("p/3"), OptionalInt.of(2)).content()).data())
          .containsExactly(java.util.Map.entry("v", "value-2-3-1"));
      assertThat(audit.withAction("secret.rotation.finish")).singleElement()
          .satisfies(e -> assertThat(e.outcome()).isEqualTo("success"));
      // A new job may start once the first finished.
      assertThat(awaitFinished(rotation, rotation.start("admin-1").id()).done()).isEqualTo(24);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void interruptedJob_resumesAfterRestartWithoutLossOrRepeat() throws Exception {
    DataKeys keys = DataKeys.open(db, root);
    seed(keys, 2, 5, 1);
    RotationJob job;
    // First process: the worker never runs past 4 rows (the process "dies" after step 4).
    try (DataKeyRotation first = new DataKeyRotation(db, keys, audit, Clock.systemUTC(), parked::add)) {
      job = first.start("admin-1");
      assertThat(first.step(job.id(), 4)).isEqualTo(4);
    }
    RotationJob midway = statusOf(job.id());
    assertThat(midway.state()).isEqualTo(RotationJob.RUNNING);
    assertThat(midway.done()).isEqualTo(4);
    assertThat(versionsUnder(job.targetKeyId())).isEqualTo(4);

    // Second process: fresh keys from the database, resume at start-up.
    DataKeys reopened = DataKeys.open(db, root);
    assertThat(Integer.toUnsignedLong(reopened.primaryKeyId())).isEqualTo(job.targetKeyId());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (DataKeyRotation second = new DataKeyRotation(db, reopened, audit, Clock.systemUTC(), pool)) {
      assertThat(second.resumeUnfinished()).containsExactly(job.id());
      RotationJob done = awaitFinished(second, job.id());
      assertThat(done.done()).isEqualTo(10);
      assertThat(done.total()).isEqualTo(10);
      assertThat(versionsUnder(job.targetKeyId())).isEqualTo(10);
    } finally {
      pool.shutdownNow();
    }
    SecretStore store = new SecretStore(db, reopened, audit, Clock.systemUTC());
    assertThat(store.get("owner-1", new SecretPath("p/4"), OptionalInt.empty()).value()).isEqualTo("value-1-4-0");
  }

  @Test
  void secondWorkerOnTheSameJob_neverCountsAVersionTwice() throws Exception {
    DataKeys keys = DataKeys.open(db, root);
    SecretStore store = seed(keys, 1, 8, 1);
    try (DataKeyRotation first = new DataKeyRotation(db, keys, audit, Clock.systemUTC(), parked::add)) {
      RotationJob job = first.start("admin-1");
      // What a second instance's worker fetched before the first one moved: versions 1-5, old key.
      List<RewrapRows.Candidate> staleBatch =
          db.read(c -> RewrapRows.nextBatch(c, job.targetKeyId(), RewrapRows.Cursor.START, 5));
      assertThat(first.step(job.id(), 5)).isEqualTo(5);
      DataKeyRotation second = new DataKeyRotation(db, DataKeys.open(db, root), audit, Clock.systemUTC(), parked::add);
      for (RewrapRows.Candidate candidate : staleBatch) {
        second.rewrapOne(job.id(), candidate);
      }
      assertThat(statusOf(job.id()).done()).isEqualTo(5);
      while (second.step(job.id(), 2) > 0) {
        // the second worker finishes the job
      }
      RotationJob end = statusOf(job.id());
      assertThat(end.done()).isEqualTo(8);
      assertThat(end.failed()).isZero();
      assertThat(versionsUnder(job.targetKeyId())).isEqualTo(8);
      assertThat(store.get("owner-0", new SecretPath("p/0"), OptionalInt.empty()).value()).isEqualTo("value-0-0-0");
    }
  }

  @Test
  void workerWithAStaleKeyset_reloadsBeforeRewrapping() throws Exception {
    DataKeys starter = DataKeys.open(db, root);
    DataKeys stale = DataKeys.open(db, root);
    seed(starter, 1, 3, 1);
    RotationJob job;
    try (DataKeyRotation first = new DataKeyRotation(db, starter, audit, Clock.systemUTC(), parked::add)) {
      job = first.start("admin-1");
    }
    assertThat(Integer.toUnsignedLong(stale.primaryKeyId())).isNotEqualTo(job.targetKeyId());
    try (DataKeyRotation resumed = new DataKeyRotation(db, stale, audit, Clock.systemUTC(), parked::add)) {
      while (resumed.step(job.id(), 10) > 0) {
        // until done
      }
    }
    assertThat(versionsUnder(job.targetKeyId())).isEqualTo(3);
    assertThat(statusOf(job.id()).done()).isEqualTo(3);
  }

  @Test
  void tamperedVersion_countedFailedAndLeftAlone() throws Exception {
    DataKeys keys = DataKeys.open(db, root);
    seed(keys, 1, 3, 1);
    db.inTransaction(c -> {
      // Move p/1's ciphertext to p/0: it no longer authenticates there.
      try (PreparedStatement s = c.prepareStatement("UPDATE secret_versions SET ciphertext ="
          + " (SELECT ciphertext FROM secret_versions WHERE path = 'p/1') WHERE path = 'p/0'")) {
        s.executeUpdate();
      }
      return null;
    });
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (DataKeyRotation rotation = new DataKeyRotation(db, keys, audit, Clock.systemUTC(), pool)) {
      RotationJob done = awaitFinished(rotation, rotation.start("admin-1").id());
      assertThat(done.done()).isEqualTo(2);
      assertThat(done.failed()).isEqualTo(1);
      awaitWorkerIdle(pool);
      assertThat(audit.withAction("secret.rotation.finish")).singleElement()
          .satisfies(e -> assertThat(e.outcome()).isEqualTo("failure"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void destroyedDuringJob_countsDoneAndStaysDestroyed() throws Exception {
    DataKeys keys = DataKeys.open(db, root);
    SecretStore store = seed(keys, 1, 3, 1);
    try (DataKeyRotation rotation = new DataKeyRotation(db, keys, audit, Clock.systemUTC(), parked::add)) {
      RotationJob job = rotation.start("admin-1");
      store.destroy("owner-0", new SecretPath("p/2"), List.of(1));
      while (rotation.step(job.id(), 1) > 0) {
        // one row per step
      }
      assertThat(statusOf(job.id()).done()).isEqualTo(2);
      assertThat(store.metadata("owner-0", new SecretPath("p/2")).versions().get(0).destroyed()).isTrue();
    }
  }

  RotationJob statusOf(String id) {
    return db.read(c -> RewrapRows.job(c, id)).orElseThrow().job();
  }

  /**
   * Waits until the single worker thread has run everything queued before now. The job's row reads
   * "finished" as soon as its transaction commits; the worker records the audit event just after, so
   * a test that checks the audit trail must wait for the worker, not for the row.
   */
  static void awaitWorkerIdle(ExecutorService singleThreadPool) throws Exception {
    singleThreadPool.submit(() -> { }).get(30, TimeUnit.SECONDS);
  }

  static RotationJob awaitFinished(DataKeyRotation rotation, String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      RotationJob job = rotation.status(id).orElseThrow();
      if (job.state().equals(RotationJob.FINISHED)) {
        return job;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new AssertionError("rotation job did not finish in 30 s");
  }
}
