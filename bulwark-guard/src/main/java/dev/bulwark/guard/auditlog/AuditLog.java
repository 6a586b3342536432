package dev.bulwark.guard.auditlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.mac.Mac;
import dev.bulwark.crypto.signature.PublicKeySign;
import dev.bulwark.guard.Limits;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
 *       holds that key. The latest checkpoint is also written to {@code <log>.head} (one of two
 *       slots, in place, crash-safe: {@link AuditHeadFile}), which lets the verifier detect
 *       truncation.
 *   <li>Each record is written and {@code fsync}ed before {@link #append} returns; {@link
 *       #appendAll} writes a batch with one write and one {@code fsync}. Any write error
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
 * <p>Thread-safe: appends are serialised; head publishes are serialised too, in sequence order,
 * but outside the append lock, so one batch's write and {@code fsync} overlap the previous batch's
 * head publish (see {@link #appendAll(List, Runnable)}). One process per log file.
 */
public final class AuditLog implements AutoCloseable {
  /** Checkpoint interval when none is given. */
  public static final int DEFAULT_CHECKPOINT_EVERY_RECORDS = 100;

  // Jackson's default buffer pool is per thread; a server appends from short-lived virtual threads,
  // which would each allocate fresh generator buffers. A pool shared by all appenders reuses them.
  private static final JsonFactory JSON = JsonFactory.builder().recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build();

  /** Guards the chain state and the log file: records, checkpoints written, failure, closing. */
  private final Object lock = new Object();
  /**
   * Serialises head publishes (taken before {@link #lock}, never while holding it), so heads reach
   * the head file one at a time and in sequence order.
   */
  private final Object headLock = new Object();
  private final AuditSink sink;
  private final Mac mac;
  // Built once: a signer per checkpoint would also build a new SecureRandom each time (Ed25519
  // draws none; ML-DSA's hedging draws from this one, which is thread-safe and reusable).
  private final PublicKeySign checkpointSigner;
  private final Optional<PublicKeySign> postQuantumSigner;
  private final Clock clock;
  private final int checkpointEveryRecords;
  private final int maxLineChars;
  private byte[] previous;
  private long records;
  /** Sequence number of the latest checkpoint in the log (written by this instance or found on open). */
  private long lastCheckpoint;
  /** The latest checkpoint line this instance wrote to the log (durable), and its sequence number. */
  private String written;
  private long writtenSeq;
  /** Sequence number of the head this instance published last; only grows, under {@link #headLock}. */
  private volatile long publishedSeq;
  private volatile String head;
  private boolean failed;
  private boolean closed;

  AuditLog(AuditSink sink, AuditKeys keys, Clock clock, int checkpointEveryRecords, Limits limits,
      AuditLogVerifier.Outcome state) {
    if (checkpointEveryRecords < 1 || checkpointEveryRecords > 1_000_000) {
      throw new IllegalArgumentException("checkpointEveryRecords must be between 1 and 1,000,000");
    }
    this.sink = sink;
    this.mac = Mac.create(keys.chainKey());
    this.checkpointSigner = keys.checkpointKey().signer();
    this.postQuantumSigner = keys.postQuantumKey().map(k -> k.signer());
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
   * Appends {@code event} durably and returns its sequence number (from 1). Same as {@link
   * #appendAll} with one event.
   *
   * @throws AuditWriteException if it could not be written; refuse the audited operation
   * @throws AuditEventTooLargeException if the event is larger than {@link Limits#maxStringLength()}
   */
  public long append(AuditEvent event) throws AuditWriteException {
    return appendAll(List.of(Objects.requireNonNull(event, "event")));
  }

  /**
   * Appends {@code events} in list order, durably and all or nothing as far as this log is concerned,
   * and returns the sequence number of the last one (the first is {@code last - events.size() + 1});
   * for an empty list it writes nothing and returns {@link #records()}.
   *
   * <p>Every event is checked first: if any is too large, nothing is written, the log stays usable,
   * and {@link AuditEventTooLargeException#rejected()} names every offending position. Then all
   * records are chained in order and written with one write and one {@code fsync}. If the batch
   * reaches the checkpoint interval, one checkpoint over the whole chain so far is signed and goes
   * in that same write, after the batch's last record, then becomes the head (a slot of the head
   * file written in place, {@code fdatasync}). So after any append returns, fewer than {@code
   * checkpointEveryRecords} records are unsigned, and the head covers every checkpoint written
   * before or with this batch; a batch larger than the interval gets one checkpoint at its end, not
   * one per interval inside it.
   *
   * {@snippet :
   * long last = audit.appendAll(List.of(
   *     AuditEvent.of("secret.read", "alice", "success"),
   *     AuditEvent.of("secret.read", "bob", "denied")));
   * }
   *
   * <p>The head is published after the append lock is released: the next batch can be written and
   * {@code fsync}ed while this one's head is being written. Heads are published one at a time and
   * in sequence order, never an older one over a newer one; when several wait, the first to get
   * its turn publishes the newest checkpoint written so far and the others, already covered, return
   * without publishing.
   *
   * <p><b>What can go wrong</b>: a failed write or {@code fsync} may leave part of the batch on disk
   * (a torn line, or whole records whose durability is unknown). The log then refuses every later
   * append and its in-memory chain stays at the last record known durable; reopening verifies the
   * file and finds a torn line. A failed head publish fails the log the same way, although the batch
   * itself is durable, and so does every append still waiting for its head then. In every failure
   * case the callers must treat all events of the batch as not recorded.
   *
   * @throws AuditWriteException if the batch could not be written, signed or published (or the log
   *     failed earlier or is closed); refuse the audited operations
   * @throws AuditEventTooLargeException if an event is larger than {@link Limits#maxStringLength()}
   * @throws NullPointerException if {@code events} or one of them is null
   */
  public long appendAll(List<AuditEvent> events) throws AuditWriteException {
    return appendAll(events, () -> { });
  }

  /**
   * {@link #appendAll(List)}, running {@code written} once the batch is written and {@code fsync}ed
   * and the append lock is released, before this call waits for the head to be published. A group
   * commit (the server's audit trail) uses it to let the next batch start its write while this one's
   * head is published; the callers of this batch must still wait for this method to return.
   *
   * <p>{@code written} runs on the calling thread and is not run when the batch is empty, refused or
   * could not be written. If it throws, the exception propagates and this call does not wait for the head
   * (a later append, {@link #checkpoint} or {@link #close} publishes it): do not acknowledge the
   * batch then.
   *
   * @throws AuditWriteException as {@link #appendAll(List)}
   * @throws AuditEventTooLargeException as {@link #appendAll(List)}
   */
  public long appendAll(List<AuditEvent> events, Runnable written) throws AuditWriteException {
    Objects.requireNonNull(written, "written");
    List<AuditEvent> batch = List.copyOf(events);
    long seq;
    long headNeeded;
    synchronized (lock) {
      ensureUsable();
      if (batch.isEmpty()) {
        return records;
      }
      byte[] chain = previous;
      seq = records;
      StringBuilder out = new StringBuilder();
      List<Integer> rejected = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        seq++;
        String payload = json(batch.get(i));
        chain = AuditFormat.recordMac(mac, chain, seq, payload);
        String line = AuditFormat.recordLine(seq, chain, payload);
        if (line.length() > maxLineChars) {
          rejected.add(i);
        } else if (rejected.isEmpty()) {
          out.append(line).append('\n'); // after a rejection the batch is refused: stop buffering
        }
      }
      if (!rejected.isEmpty()) {
        throw new AuditEventTooLargeException(maxLineChars, rejected);
      }
      String checkpoint = seq - lastCheckpoint >= checkpointEveryRecords ? signedCheckpoint(seq, chain) : null;
      if (checkpoint != null) {
        out.append(checkpoint).append('\n');
      }
      write(out.toString());
      previous = chain;
      records = seq;
      if (checkpoint != null) {
        checkpointWritten(checkpoint, seq);
      }
      // Also a checkpoint of an earlier batch whose head is still being published: this batch is not
      // acknowledged before the head covers it, as when appends and publishes were one section.
      headNeeded = writtenSeq;
    }
    written.run();
    awaitHead(headNeeded);
    return seq;
  }

  /**
   * Signs a checkpoint over the chain so far and publishes it as the head. Does nothing when no
   * record was added since the last one, but still waits for a head another append is publishing.
   *
   * @throws AuditWriteException if it could not be signed or written
   */
  public void checkpoint() throws AuditWriteException {
    long headNeeded;
    synchronized (lock) {
      ensureUsable();
      headNeeded = writeCheckpoint();
    }
    awaitHead(headNeeded);
  }

  /**
   * Under {@link #lock}: writes a checkpoint over the chain so far unless the last one covers it,
   * and returns the sequence number of the latest checkpoint this instance wrote (0 if none).
   */
  private long writeCheckpoint() throws AuditWriteException {
    if (records != lastCheckpoint) {
      String line = signedCheckpoint(records, previous);
      write(line + "\n");
      checkpointWritten(line, records);
    }
    return writtenSeq;
  }

  /** Under {@link #lock}: {@code line} over record {@code seq} is durable in the log; it becomes the next head. */
  private void checkpointWritten(String line, long seq) {
    lastCheckpoint = seq;
    written = line;
    writtenSeq = seq;
  }

  /** The checkpoint line over ({@code seq}, {@code chain}); a signing failure fails the log. */
  private String signedCheckpoint(long seq, byte[] chain) throws AuditWriteException {
    byte[] message = AuditFormat.checkpointMessage(seq, chain);
    try {
      byte[] signature = checkpointSigner.sign(message);
      Optional<byte[]> postQuantum = postQuantumSigner.isPresent()
          ? Optional.of(postQuantumSigner.get().sign(message))
          : Optional.empty();
      return AuditFormat.checkpointLine(seq, chain, signature, postQuantum);
    } catch (CryptoException e) {
      failed = true;
      throw new AuditWriteException("could not sign the audit checkpoint", e);
    }
  }

  /**
   * Returns once the head file holds a checkpoint at or after record {@code seq} (nothing to wait
   * for when {@code seq} is 0). Called without {@link #lock}. Whoever gets {@link #headLock} first
   * publishes the newest checkpoint written so far, so waiting appends share one publish, and heads
   * only move forward.
   *
   * @throws AuditWriteException if the head could not be published, or the log failed before it was
   */
  private void awaitHead(long seq) throws AuditWriteException {
    if (seq <= publishedSeq) {
      return;
    }
    synchronized (headLock) {
      if (seq <= publishedSeq) {
        return; // published meanwhile, by another append's turn
      }
      String line;
      long lineSeq;
      synchronized (lock) {
        if (failed) {
          // The log failed after this checkpoint was written (a later batch, or a head): refuse.
          throw new AuditWriteException("the audit log failed before the head was published; refuse the audited operation", null);
        }
        line = written;
        lineSeq = writtenSeq;
      }
      try {
        sink.publishHead(line);
      } catch (IOException e) {
        synchronized (lock) {
          failed = true;
        }
        throw new AuditWriteException("could not publish the audit head", e);
      }
      head = line;
      publishedSeq = lineSeq;
    }
  }

  /** The latest signed checkpoint line, to keep off this machine; empty before the first. */
  public Optional<String> head() {
    return Optional.ofNullable(head);
  }

  /** How many records the log holds. */
  public long records() {
    synchronized (lock) {
      return records;
    }
  }

  /**
   * Writes a final checkpoint, waits until that checkpoint (or a later one another append is still
   * publishing) is the head, then closes the file. Appends are refused from the start of the call.
   *
   * @throws AuditWriteException if the final checkpoint could not be written or published, or the
   *     file could not be closed
   */
  @Override
  public void close() throws AuditWriteException {
    long headNeeded = 0;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (!failed) {
        try {
          headNeeded = writeCheckpoint();
        } catch (AuditWriteException e) {
          closeSink();
          throw e;
        }
      }
    }
    try {
      awaitHead(headNeeded);
    } finally {
      synchronized (lock) {
        closeSink();
      }
    }
  }

  /** Under {@link #lock}: closes the log file; a failure fails the log unless it had failed already. */
  private void closeSink() throws AuditWriteException {
    try {
      sink.close();
    } catch (IOException e) {
      if (!failed) {
        failed = true;
        throw new AuditWriteException("could not close the audit log", e);
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

  /** Writes {@code lines} (each ending in a newline) with one write and one {@code fsync}. */
  private void write(String lines) throws AuditWriteException {
    try {
      sink.append(lines.getBytes(StandardCharsets.UTF_8));
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
