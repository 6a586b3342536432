package dev.bulwark.guard.auditlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.mac.Mac;
import dev.bulwark.guard.Limits;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An append-only, tamper-evident log of security events.
 *
 * <ul>
 *   <li>Each record is chained to the one before by HMAC-SHA256 over (previous MAC, sequence
 *       number, record), so a record cannot be changed, removed, added or moved without breaking
 *       the chain at that point ({@link AuditLogVerifier} says where).
 *   <li>Every {@code checkpointEveryRecords} records, and on {@link #close()}, a checkpoint signs
 *       (sequence number, chain MAC) with Ed25519, and with ML-DSA-65 too when {@link AuditKeys}
 *       holds that key. The latest checkpoint is also written to {@code <log>.head} (atomic
 *       replace), which lets the verifier detect truncation.
 *   <li>Each record is written and {@code fsync}ed before {@link #append} returns. Any write error
 *       (a full disk) fails closed: {@code append} throws {@link AuditWriteException}, the caller
 *       refuses the audited operation, and every later append throws too until the log is
 *       reopened (reopening verifies the file, so a torn last line is found, not built upon).
 * </ul>
 *
 * {@snippet :
 * try (AuditLog audit = AuditLog.open(Path.of("data/audit.log"), keys)) {
 *   audit.append(AuditEvent.of("login", "alice", "success").with("ip", "203.0.113.7"));
 * }
 * }
 *
 * <p>Thread-safe: appends are serialised. One process per log file.
 */
public final class AuditLog implements AutoCloseable {
  /** Checkpoint interval when none is given. */
  public static final int DEFAULT_CHECKPOINT_EVERY_RECORDS = 100;

  private static final JsonFactory JSON = new JsonFactory();

  private final Object lock = new Object();
  private final AuditSink sink;
  private final AuditKeys keys;
  private final Mac mac;
  private final Clock clock;
  private final int checkpointEveryRecords;
  private final int maxLineChars;
  private byte[] previous;
  private long records;
  private long lastCheckpoint;
  private String head;
  private boolean failed;
  private boolean closed;

  AuditLog(AuditSink sink, AuditKeys keys, Clock clock, int checkpointEveryRecords, Limits limits,
      AuditLogVerifier.Outcome state) {
    if (checkpointEveryRecords < 1 || checkpointEveryRecords > 1_000_000) {
      throw new IllegalArgumentException("checkpointEveryRecords must be between 1 and 1,000,000");
    }
    this.sink = sink;
    this.keys = keys;
    this.mac = Mac.create(keys.chainKey());
    this.clock = clock;
    this.checkpointEveryRecords = checkpointEveryRecords;
    this.maxLineChars = limits.maxStringLength();
    this.previous = state.lastMac();
    this.records = state.result().records();
    this.lastCheckpoint = state.result().lastCheckpointSequence();
  }

  /** The head file kept next to {@code log}: its latest signed checkpoint. */
  public static Path headPath(Path log) {
    return log.resolveSibling(log.getFileName() + ".head");
  }

  /** {@link #open(Path, AuditKeys, int, Clock, Limits)} with the defaults. */
  public static AuditLog open(Path log, AuditKeys keys) throws IOException, AuditTamperedException {
    return open(log, keys, DEFAULT_CHECKPOINT_EVERY_RECORDS, Clock.systemUTC(), Limits.defaults());
  }

  /**
   * Opens or creates the log at {@code log}. An existing log is verified first and continued.
   *
   * @throws AuditTamperedException if the existing log does not verify: it is never appended to
   * @throws IOException if the file cannot be read or opened
   */
  public static AuditLog open(Path log, AuditKeys keys, int checkpointEveryRecords, Clock clock, Limits limits)
      throws IOException, AuditTamperedException {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(limits, "limits");
    AuditLogVerifier.Outcome state = Files.exists(log)
        ? AuditLogVerifier.outcome(log, keys.verifyKeys(), limits)
        : AuditLogVerifier.empty();
    return new AuditLog(AuditSink.files(log), keys, clock, checkpointEveryRecords, limits, state);
  }

  /**
   * Appends {@code event} durably and returns its sequence number (from 1).
   *
   * @throws AuditWriteException if it could not be written; refuse the audited operation
   * @throws IllegalArgumentException if the event is larger than {@link Limits#maxStringLength()}
   */
  public long append(AuditEvent event) throws AuditWriteException {
    synchronized (lock) {
      Objects.requireNonNull(event, "event");
      ensureUsable();
      long seq = records + 1;
      String payload = json(event);
      byte[] recordMac = AuditFormat.recordMac(mac, previous, seq, payload);
      String line = AuditFormat.recordLine(seq, recordMac, payload);
      if (line.length() > maxLineChars) {
        throw new IllegalArgumentException("audit event is longer than " + maxLineChars + " characters");
      }
      write(line);
      previous = recordMac;
      records = seq;
      if (records - lastCheckpoint >= checkpointEveryRecords) {
        checkpoint();
      }
      return seq;
    }
  }

  /**
   * Signs a checkpoint over the chain so far and publishes it as the head. Does nothing when no
   * record was added since the last one.
   *
   * @throws AuditWriteException if it could not be signed or written
   */
  public void checkpoint() throws AuditWriteException {
    synchronized (lock) {
      ensureUsable();
      if (records == lastCheckpoint) {
        return;
      }
      byte[] message = AuditFormat.checkpointMessage(records, previous);
      String line;
      try {
        byte[] signature = keys.checkpointKey().signer().sign(message);
        Optional<byte[]> postQuantum = keys.postQuantumKey().isPresent()
            ? Optional.of(keys.postQuantumKey().get().signer().sign(message))
            : Optional.empty();
        line = AuditFormat.checkpointLine(records, previous, signature, postQuantum);
      } catch (CryptoException e) {
        failed = true;
        throw new AuditWriteException("could not sign the audit checkpoint", e);
      }
      write(line);
      try {
        sink.publishHead(line);
      } catch (IOException e) {
        failed = true;
        throw new AuditWriteException("could not publish the audit head", e);
      }
      lastCheckpoint = records;
      head = line;
    }
  }

  /** The latest signed checkpoint line, to keep off this machine; empty before the first. */
  public Optional<String> head() {
    synchronized (lock) {
      return Optional.ofNullable(head);
    }
  }

  /** How many records the log holds. */
  public long records() {
    synchronized (lock) {
      return records;
    }
  }

  /**
   * Writes a final checkpoint and closes the file.
   *
   * @throws AuditWriteException if the final checkpoint could not be written
   */
  @Override
  public void close() throws AuditWriteException {
    synchronized (lock) {
      if (closed) {
        return;
      }
      try {
        if (!failed) {
          checkpoint();
        }
      } finally {
        closed = true;
        try {
          sink.close();
        } catch (IOException e) {
          if (!failed) {
            failed = true;
            throw new AuditWriteException("could not close the audit log", e);
          }
        }
      }
    }
  }

  private void ensureUsable() throws AuditWriteException {
    if (closed) {
      throw new AuditWriteException("the audit log is closed", null);
    }
    if (failed) {
      throw new AuditWriteException("the audit log failed earlier and refuses further records; reopen it", null);
    }
  }

  private void write(String line) throws AuditWriteException {
    try {
      sink.append((line + "\n").getBytes(StandardCharsets.UTF_8));
      sink.sync();
    } catch (IOException e) {
      // Fail closed: the record may be partly on disk, so the chain state here no longer matches
      // the file. Refuse everything until a reopen verifies the file.
      failed = true;
      throw new AuditWriteException("could not write the audit record; refuse the audited operation", e);
    }
  }

  private String json(AuditEvent event) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("time", clock.instant().toString());
      json.writeStringField("type", event.type());
      json.writeStringField("actor", event.actor());
      json.writeStringField("outcome", event.outcome());
      json.writeObjectFieldStart("attributes");
      for (Map.Entry<String, String> attribute : event.attributes().entrySet()) {
        json.writeStringField(attribute.getKey(), attribute.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    return out.toString();
  }
}
