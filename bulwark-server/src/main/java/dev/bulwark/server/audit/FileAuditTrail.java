package dev.bulwark.server.audit;

import dev.bulwark.guard.Limits;
import dev.bulwark.guard.auditlog.AuditEvent;
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
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
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
 * <p>Thread-safe: appends are serialized by the log; {@link #verify} and {@link #read} exclude
 * appends while they read, so they never see a half-written line. One process per directory.
 */
public final class FileAuditTrail implements AuditTrail, AutoCloseable {
  /** The log's file name inside the audit directory. */
  public static final String LOG_FILE = "audit.log";

  /**
   * Records between signed checkpoints. Guard's default is 100; the server signs every 10 because it
   * is not told when it stops (no final checkpoint on a kill or, today, on a graceful stop), and only
   * the signed part is protected against truncation. Signing costs one Ed25519 signature and one
   * head-file replace per 10 events.
   */
  public static final int CHECKPOINT_EVERY_RECORDS = 10;

  private final Path logFile;
  private final AuditKeys keys;
  private final AuditLog log;
  private final ReadWriteLock appendsVersusReads = new ReentrantReadWriteLock();

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
    AuditEvent event = new AuditEvent(action, actorId, outcome, details);
    appendsVersusReads.readLock().lock();
    try {
      log.append(event);
    } catch (AuditWriteException e) {
      throw new AuditUnavailableException("recording an audit event", e);
    } finally {
      appendsVersusReads.readLock().unlock();
    }
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

  /** Writes a final signed checkpoint and closes the file. */
  @Override
  public void close() {
    try {
      log.close();
    } catch (AuditWriteException e) {
      throw new AuditUnavailableException("closing the audit log", e);
    }
  }

  @Override
  public String toString() {
    return "FileAuditTrail[" + logFile.getFileName() + "]";
  }
}
