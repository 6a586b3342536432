package dev.bulwark.server.audit;

import dev.bulwark.guard.Limits;
import dev.bulwark.guard.auditlog.AuditEvent;
import dev.bulwark.guard.auditlog.AuditEventTooLargeException;
import dev.bulwark.guard.auditlog.AuditKeys;
import dev.bulwark.guard.auditlog.AuditLog;
import dev.bulwark.guard.auditlog.AuditLogVerifier;
import dev.bulwark.guard.auditlog.AuditTamperedException;
import dev.bulwark.guard.auditlog.AuditVerification;
import dev.bulwark.guard.auditlog.AuditWriteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The server's {@link AuditTrail}: guard's tamper-evident {@link AuditLog} in {@code
 * DATA/audit/audit.log} (HMAC-SHA256 chain, Ed25519 checkpoints, signed head in {@code
 * audit.log.head}).
 *
 * <p>Guarantees: {@link #record} returns only after the event is written and {@code fsync}ed; if it
 * cannot be, it throws {@link AuditUnavailableException} (and so does every later call until the
 * server restarts, guard's fail-closed rule), so the caller refuses the operation it was auditing.
 * {@link #open} verifies an existing log first and refuses to continue one that does not verify.
 * The directory is created owner-only ({@code rwx------}).
 *
 * {@snippet :
 * try (FileAuditTrail audit = FileAuditTrail.open(dataDir.resolve("audit"), keys)) {
 *   audit.record("file.upload", accountId, "success", Map.of("file_id", id));
 * }
 * }
 *
 * <p>Group commit: concurrent {@link #record} calls queue their events; one caller at a time (the
 * leader) takes the whole queue and appends it in queue order, so the chain order is the order the
 * events were queued, then hands the lead to the first caller that queued meanwhile. The others wait
 * parked (no spinning on a contended lock) until their batch is written. Each caller still returns
 * only after its own event is durable, and if the batch cannot be written every caller in it gets
 * {@link AuditUnavailableException}. The batch goes to guard's {@link AuditLog#appendAll(List,
 * Runnable)}: one write and one {@code fsync} for the whole batch (plus, when it reaches the
 * checkpoint interval, one signature and one in-place head write with its {@code fdatasync}), so
 * the {@code fsync} cost is shared by every caller in it. The lead is handed over as soon as the
 * batch is written and {@code fsync}ed, before its head is published, so the next batch's write
 * overlaps that publish; the callers of a batch are still settled only once guard's append
 * returned (head published).
 *
 * <p>Thread-safe: {@link #verify} and {@link #read} exclude appends while they read, so they never see
 * a half-written line. {@link #close} waits for every queued event to be written first. One process
 * per directory.
 */
public final class FileAuditTrail implements AuditTrail, AutoCloseable {
  /** The log's file name inside the audit directory. */
  public static final String LOG_FILE = "audit.log";

  /**
   * Records between signed checkpoints. Guard's default is 100; the server signs every 10 because it
   * is not told when it stops (no final checkpoint on a kill or, today, on a graceful stop), and only
   * the signed part is protected against truncation. Signing costs one Ed25519 signature and one
   * head write (in place, with its {@code fdatasync}) per 10 events, or per batch when batches are
   * larger (guard signs once at the end of a batch, over the whole chain).
   */
  public static final int CHECKPOINT_EVERY_RECORDS = 10;

  private final Path logFile;
  private final AuditKeys keys;
  private final AuditLog log;
  private final ReadWriteLock appendsVersusReads = new ReentrantReadWriteLock();
  private final ReentrantLock queueLock = new ReentrantLock();
  private final Condition idle = queueLock.newCondition();
  private List<Pending> queue = new ArrayList<>();
  private boolean writing;
  private boolean closed;

  private FileAuditTrail(Path logFile, AuditKeys keys, AuditLog log) {
    this.logFile = logFile;
    this.keys = keys;
    this.log = log;
  }

  /**
   * Opens (creating if needed) the audit log in {@code directory}.
   *
   * @throws AuditUnavailableException if the directory cannot be made, or the existing log does not
   *     verify under {@code keys} (tampered, torn or written with other keys): an operator must look
   */
  public static FileAuditTrail open(Path directory, AuditKeys keys) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(keys, "keys");
    try {
      if (!Files.isDirectory(directory)) {
        boolean posix = directory.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
          Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(directory);
        }
      }
      Path logFile = directory.resolve(LOG_FILE);
      return new FileAuditTrail(logFile, keys,
          AuditLog.open(logFile, keys, CHECKPOINT_EVERY_RECORDS, Clock.systemUTC(), Limits.defaults()));
    } catch (IOException | AuditTamperedException e) {
      throw new AuditUnavailableException("opening the audit log", e);
    }
  }

  @Override
  public void record(String action, String actorId, String outcome, Map<String, String> details) {
    Pending mine = new Pending(new AuditEvent(action, actorId, outcome, details));
    boolean lead;
    queueLock.lock();
    try {
      if (closed) {
        throw new AuditUnavailableException("recording an audit event", new IllegalStateException("the audit trail is closed"));
      }
      queue.add(mine);
      lead = !writing;
      writing = true;
    } finally {
      queueLock.unlock();
    }
    if (lead || mine.awaitTurn() == Turn.LEAD) {
      writeQueue();
    }
    mine.awaitTurn();
  }

  /**
   * The leader's work: takes the queue (its own event is in it), appends it, settles every caller in
   * it, then hands the lead to the first caller that queued meanwhile, or goes idle.
   */
  private void writeQueue() {
    List<Pending> batch;
    queueLock.lock();
    try {
      batch = queue;
      queue = new ArrayList<>();
    } finally {
      queueLock.unlock();
    }
    Lead lead = new Lead();
    appendsVersusReads.readLock().lock();
    try {
      appendBatch(batch, lead);
    } finally {
      appendsVersusReads.readLock().unlock();
      // Only if appendBatch died of an Error: no caller may wait forever or go on unaudited.
      AuditUnavailableException unwritten = null;
      for (Pending p : batch) {
        if (!p.settled) {
          if (unwritten == null) {
            unwritten = new AuditUnavailableException("recording an audit event",
                new IllegalStateException("the batch was not written"));
          }
          p.fail(unwritten);
        }
      }
      lead.run(); // if the batch was not written, the lead was not handed over yet
    }
  }

  /**
   * Hands the lead to the first caller that queued meanwhile, or goes idle; once per batch, on the
   * leader's thread: when guard has the batch durable (before its head is published), or after a
   * failure at the latest.
   */
  private final class Lead implements Runnable {
    private boolean handedOver;

    @Override
    public void run() {
      if (handedOver) {
        return;
      }
      handedOver = true;
      queueLock.lock();
      try {
        if (queue.isEmpty()) {
          writing = false;
          idle.signalAll();
        } else {
          queue.getFirst().settle(Turn.LEAD);
        }
      } finally {
        queueLock.unlock();
      }
    }
  }

  /**
   * Appends {@code batch} in order with guard's {@link AuditLog#appendAll(List, Runnable)} (one write
   * and one {@code fsync} for the whole batch; {@code written} runs once that is done) and settles
   * each caller; never throws. An event over guard's size limit fails only its own caller: guard
   * refuses the whole batch before writing anything and names the oversized positions, which are
   * failed and dropped before the rest is appended again.
   */
  private void appendBatch(List<Pending> batch, Runnable written) {
    List<Pending> remaining = new ArrayList<>(batch);
    while (!remaining.isEmpty()) {
      try {
        log.appendAll(remaining.stream().map(p -> p.event).toList(), written);
        remaining.forEach(p -> p.settle(Turn.DURABLE));
        return;
      } catch (AuditEventTooLargeException e) {
        List<Pending> tooLarge = e.rejected().stream().map(remaining::get).toList();
        IllegalArgumentException refused = new IllegalArgumentException(e.getMessage(), e);
        tooLarge.forEach(p -> p.fail(refused));
        remaining.removeAll(tooLarge);
      } catch (AuditWriteException e) {
        failAll(remaining, e);
        return;
      } catch (RuntimeException e) {
        failAll(remaining, e);
        return;
      }
    }
  }

  private static void failAll(List<Pending> batch, Exception cause) {
    AuditUnavailableException unavailable = new AuditUnavailableException("recording an audit event", cause);
    batch.forEach(p -> p.fail(unavailable));
  }

  /**
   * Runs guard's {@link AuditLogVerifier} over the log and its signed head.
   *
   * @throws AuditTamperedException with where and how the log was altered
   * @throws AuditUnavailableException if the file cannot be read
   */
  public AuditVerification verify() throws AuditTamperedException {
    appendsVersusReads.writeLock().lock();
    try {
      return AuditLogVerifier.verify(logFile, keys.verifyKeys());
    } catch (IOException e) {
      throw new AuditUnavailableException("reading the audit log", e);
    } finally {
      appendsVersusReads.writeLock().unlock();
    }
  }

  /**
   * One page of recorded events, oldest first.
   *
   * @throws AuditUnavailableException if the file cannot be read
   */
  public AuditPage read(AuditQuery query) {
    appendsVersusReads.writeLock().lock();
    try {
      return AuditReader.read(logFile, query);
    } catch (IOException e) {
      throw new AuditUnavailableException("reading the audit log", e);
    } finally {
      appendsVersusReads.writeLock().unlock();
    }
  }

  /** The log file (for operators and tests). */
  public Path logFile() {
    return logFile;
  }

  /**
   * Waits until every event already queued is written, refuses later ones, then writes a final
   * signed checkpoint and closes the file.
   */
  @Override
  public void close() {
    queueLock.lock();
    try {
      closed = true;
      while (writing) {
        idle.awaitUninterruptibly();
      }
    } finally {
      queueLock.unlock();
    }
    try {
      log.close();
    } catch (AuditWriteException e) {
      throw new AuditUnavailableException("closing the audit log", e);
    }
  }

  /** Guard's log behind this trail (tests close it under running writers to fail a batch). */
  AuditLog auditLog() {
    return log;
  }

  @Override
  public String toString() {
    return "FileAuditTrail[" + logFile.getFileName() + "]";
  }

  private enum Turn {
    /** The event is written and {@code fsync}ed. */
    DURABLE,
    /** The caller's event is still queued and it is now the leader: it writes the queue. */
    LEAD
  }

  /** One caller's queued event and how it ends: durable, its turn to lead, or a failure. */
  private static final class Pending {
    private final AuditEvent event;
    private final CompletableFuture<Turn> turn = new CompletableFuture<>();
    /** Whether the leader that wrote this event's batch settled it (read and written by that leader only). */
    private boolean settled;

    Pending(AuditEvent event) {
      this.event = event;
    }

    void settle(Turn outcome) {
      settled = outcome == Turn.DURABLE;
      if (!turn.complete(outcome)) {
        // A promoted leader's turn is replaced by the outcome of its own write.
        turn.obtrudeValue(outcome);
      }
    }

    void fail(RuntimeException e) {
      settled = true;
      if (!turn.completeExceptionally(e)) {
        turn.obtrudeException(e);
      }
    }

    /** Blocks until settled; throws the failure of the batch this event was in. */
    Turn awaitTurn() {
      try {
        return turn.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof AuditUnavailableException unavailable) {
          throw new AuditUnavailableException("recording an audit event", unavailable.getCause());
        }
        if (e.getCause() instanceof IllegalArgumentException tooLarge) {
          throw new IllegalArgumentException(tooLarge.getMessage(), tooLarge);
        }
        throw new AuditUnavailableException("recording an audit event", e.getCause());
      }
    }
  }
}
