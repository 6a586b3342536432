package dev.bulwark.server.secrets;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.tokens.SecureTokens;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.audit.AuditTrail;
import dev.bulwark.server.storage.Database;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates the data keys and moves every stored secret version to the new key in the background.
 *
 * <p>{@link #start} adds a new primary data key (from then on every write uses it; old keys still
 * decrypt) and records a job; a worker then rewraps, in (owner, path, version) order, every version
 * not yet under the new key. Each rewrap is its own transaction: the version's ciphertext is
 * replaced only if it is still the one under the old key ({@code UPDATE ... WHERE data_key_id = ?}),
 * and the job's counters and cursor move in the same transaction. So a crash or stop at any point
 * loses nothing and repeats nothing: {@link #resumeUnfinished} (called at start-up) continues after
 * the cursor. A version that no longer decrypts (a tampered row) is counted as failed and left
 * alone; a version destroyed or pruned meanwhile counts as done.
 *
 * <p>At most one job runs at a time (a partial unique index): a second {@link #start} is a 409.
 * Plaintext lives only in memory for the length of one rewrap and is zeroed after.
 *
 * <p>Warning: with several instances, one that has not yet reloaded the keyset keeps writing under
 * the old key until its next reload; such versions written behind the cursor stay under the old
 * key (still readable) until the next rotation. Thread-safe.
 */
public final class DataKeyRotation implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DataKeyRotation.class);
  private static final int BATCH = 100;

  private final Database database;
  private final DataKeys dataKeys;
  private final AuditTrail audit;
  private final Clock clock;
  private final Executor executor;
  private volatile boolean stopping;

  /**
   * @param executor runs the background workers (the server passes virtual threads)
   */
  public DataKeyRotation(Database database, DataKeys dataKeys, AuditTrail audit, Clock clock, Executor executor) {
    this.database = Objects.requireNonNull(database, "database");
    this.dataKeys = Objects.requireNonNull(dataKeys, "dataKeys");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Rotates the data keyset and starts rewrapping in the background.
   *
   * @param actorId the admin's account id, for the audit trail
   * @return the job as it starts
   * @throws PublicError 409 if a job is already running
   */
  public RotationJob start(String actorId) throws PublicError {
    if (!database.read(RewrapRows::runningJobs).isEmpty()) {
      throw alreadyRunning();
    }
    long target;
    try {
      target = Integer.toUnsignedLong(dataKeys.rotate());
    } catch (CryptoException e) {
      throw PublicError.of(ErrorKind.INTERNAL, ErrorKind.INTERNAL.genericMessage(), "rotating data keys: " + e.getMessage());
    }
    String id = SecureTokens.system().urlSafe(16);
    long now = clock.millis();
    boolean inserted = database.inTransaction(c -> RewrapRows.insertJob(c, id, target, RewrapRows.countPending(c, target), now));
    if (!inserted) {
      throw alreadyRunning();
    }
    audit.record("secret.rotation.start", actorId, "success",
        Map.of("job", id, "data_key", Long.toString(target)));
    executor.execute(() -> runToEnd(id));
    return status(id).orElseThrow();
  }

  /** The job's progress, if there is such a job. */
  public Optional<RotationJob> status(String jobId) {
    return database.read(c -> RewrapRows.job(c, jobId)).map(RewrapRows.JobRow::job);
  }

  /** Restarts the worker of every job left running by a previous process; returns their ids. */
  public List<String> resumeUnfinished() {
    List<String> running = database.read(RewrapRows::runningJobs);
    for (String id : running) {
      LOG.info("resuming an unfinished data-key rotation job");
      executor.execute(() -> runToEnd(id));
    }
    return running;
  }

  /** Asks workers to stop after their current rewrap; the jobs stay resumable. */
  @Override
  public void close() {
    stopping = true;
  }

  private void runToEnd(String jobId) {
    try {
      while (!stopping) {
        if (step(jobId, BATCH) == 0) {
          break;
        }
      }
      if (!stopping) {
        database.inTransaction(c -> {
          RewrapRows.finish(c, jobId, clock.millis());
          return null;
        });
        RotationJob job = status(jobId).orElseThrow();
        audit.record("secret.rotation.finish", "system", job.failed() == 0 ? "success" : "failure",
            Map.of("job", jobId, "done", Long.toString(job.done()), "failed", Long.toString(job.failed())));
      }
    } catch (RuntimeException e) {
      // The job stays "running" and resumes at the next start-up; the cursor marks where.
      LOG.error("a data-key rotation job stopped; it resumes at the next start", e);
    }
  }

  /**
   * Handles up to {@code limit} versions after the job's cursor.
   *
   * @return how many were handled; 0 when the job has nothing left (or is not running)
   */
  int step(String jobId, int limit) {
    Optional<RewrapRows.JobRow> row = database.read(c -> RewrapRows.job(c, jobId));
    if (row.isEmpty() || !row.get().job().state().equals(RotationJob.RUNNING)) {
      return 0;
    }
    long target = row.get().job().targetKeyId();
    requirePrimary(target);
    List<RewrapRows.Candidate> batch = database.read(c -> RewrapRows.nextBatch(c, target, row.get().cursor(), limit));
    int handled = 0;
    for (RewrapRows.Candidate candidate : batch) {
      if (stopping) {
        break;
      }
      rewrapOne(jobId, candidate);
      handled++;
    }
    return handled;
  }

  /**
   * Makes sure this instance encrypts under the job's target key: an instance resuming a job that
   * another one started may hold an older keyset, and would otherwise "rewrap" under the old key.
   */
  private void requirePrimary(long target) {
    try {
      if (Integer.toUnsignedLong(dataKeys.primaryKeyId()) != target) {
        dataKeys.refresh();
      }
    } catch (CryptoException e) {
      throw new IllegalStateException("the data keyset no longer opens under the root key", e);
    }
    if (Integer.toUnsignedLong(dataKeys.primaryKeyId()) != target) {
      throw new IllegalStateException("the primary data key is not the rotation job's target");
    }
  }

  /** Rewraps one version and counts it, in one transaction (package-private for the tests). */
  void rewrapOne(String jobId, RewrapRows.Candidate row) {
    byte[] fresh = null;
    byte[] plaintext = null;
    try {
      byte[] ad = SecretStore.associatedData(row.owner(), row.path(), row.version(), row.kind());
      plaintext = dataKeys.decrypt(row.ciphertext(), ad);
      fresh = dataKeys.encrypt(plaintext, ad);
    } catch (CryptoException | IllegalStateException e) {
      // IllegalStateException: a stored kind this server does not know (a modified row).
      LOG.warn("data-key rotation: a stored version failed to decrypt and was left as is (counted as failed)");
    } finally {
      if (plaintext != null) {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
    byte[] rewrapped = fresh;
    long newKeyId = rewrapped == null ? 0 : Integer.toUnsignedLong(DataKeys.keyIdOf(rewrapped));
    database.inTransaction(c -> {
      if (rewrapped != null) {
        RewrapRows.rewrap(c, row, rewrapped, newKeyId);
      }
      return RewrapRows.advance(c, jobId, row, rewrapped == null);
    });
  }

  private static PublicError alreadyRunning() {
    return PublicError.of(ErrorKind.CONFLICT, "A data-key rotation is already running.", "rotation job running");
  }
}
