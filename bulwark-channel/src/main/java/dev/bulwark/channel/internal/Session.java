package dev.bulwark.channel.internal;

import dev.bulwark.channel.ChannelException;
import dev.bulwark.channel.ChannelStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One authenticated session on one connection: a receive role whose holder (the session's reader,
 * or a waiting application thread) opens records and hands them to
 * their stream, a send lock that hands out nonces and write tickets, sealing outside that lock on
 * the sending thread, an {@link OrderedWriter} that puts records on the wire in counter order, the
 * stream table with its cap
 * and the buffered-bytes reservation (docs/channel-protocol.md §2, §4). Any refused record closes
 * the whole session before anything of it is delivered. Thread-safe.
 */
public final class Session {
  public static final int CODE_NONE = 0;
  public static final int CODE_PROTOCOL = 1;
  public static final int CODE_FLOW_CONTROL = 2;
  public static final int CODE_REFUSED = 3;
  public static final int CODE_CANCELLED = 4;
  public static final int CODE_GOING_AWAY = 6;

  /** Limits and callbacks of one session; the server's and the client's differ. */
  public record Options(
      boolean serverSide,
      int maxStreams,
      long idleMillis,
      long readTimeoutNanos,
      AtomicLong bufferBudget,
      Consumer<ChannelStream> onNewStream,
      Runnable onClosed) {}

  private final Socket socket;
  private final TimedInput in;
  private final OrderedWriter writer;
  private final Handshake.Result keys;
  private final Options options;
  /** Streams of one session whose receive window may have grown beyond the initial window at once. */
  static final int MAX_GROWN_STREAMS = 4;
  /** Guards the send direction (nonces, ratchet) and {@link #nextTicket}; never held while sealing. */
  private final ReentrantLock sendLock = new ReentrantLock();
  private long nextTicket;
  private final AtomicInteger grownStreams = new AtomicInteger();
  private final ConcurrentHashMap<Integer, StreamImpl> streams = new ConcurrentHashMap<>();
  private final Object openLock = new Object();
  /** Streams given DATA whose readers are not yet woken; the receive role's holder's alone. */
  private final OwedWakes owedWakes = new OwedWakes();
  private int highestStreamId;
  /**
   * The receive role: whoever holds it reads, opens and dispatches records. Usually the session's
   * own reader thread; an application thread that waits for its stream's data or credit takes it
   * instead when it is free (leader/follower), so a bulk transfer costs one wake-up per burst (the
   * socket waking the consumer) instead of two (socket to session reader, reader to consumer).
   */
  private final ReentrantLock receiveRole = new ReentrantLock();
  /** Application threads that wait for a record while another thread holds the role. */
  private final AtomicInteger waitingForPeer = new AtomicInteger();
  /**
   * What the last application thread that found the role taken waits for, while it waits (it
   * clears it when it stops): once that holds and that thread is the only one waiting, the
   * session's reader lets go of the role after its batch, so that thread, woken, reads for itself
   * on its next wait.
   */
  private final AtomicReference<BooleanSupplier> roleWantedFor = new AtomicReference<>();
  /** When an application thread last let go of the role (System.nanoTime). */
  private volatile long appReleasedNanos = System.nanoTime() - LEASE_NANOS;
  /** The session's reader is parked until an application thread lets go of the role. */
  private volatile boolean readerDormant;
  private volatile Thread reader;
  /**
   * How long the session's reader leaves the role to an application thread that just let go of
   * it: a consumer in a loop comes back for its next read well within this, and records nobody
   * waits for (a new stream, a FIN, another stream's DATA) wait at most about this long.
   */
  static final long LEASE_NANOS = 20_000_000L;
  private volatile boolean closed;
  private volatile boolean goingAway;
  private volatile boolean peerGoingAway;

  public Session(Socket socket, TimedInput in, OutputStream out, Handshake.Result keys, Options options) {
    this.socket = socket;
    this.in = in;
    // The handshake is over: records from an authenticated peer are read through the read buffer.
    in.buffered();
    this.writer = new OrderedWriter(out);
    this.keys = keys;
    this.options = options;
  }

  /**
   * The session's reader: holds the receive role whenever no application thread uses it, until the
   * session ends; never throws. Run it on its own (virtual) thread.
   */
  public void runReader() {
    reader = Thread.currentThread();
    try {
      while (!closed) {
        if (receiveRole.tryLock()) {
          boolean lead = waitingForPeer.get() > 0 || System.nanoTime() - appReleasedNanos >= LEASE_NANOS;
          if (lead) {
            BooleanSupplier handedTo;
            try {
              readRecords(this::handOver);
            } finally {
              handedTo = roleWantedFor.get();
              owedWakes.wakeAll();
              // Handing over: the thread that asked takes the role on its next wait.
              appReleasedNanos = System.nanoTime();
              receiveRole.unlock();
            }
            BooleanSupplier wanted = roleWantedFor.get();
            if (waitingForPeer.get() > 1 || wanted != handedTo || (wanted != null && !wanted.getAsBoolean())) {
              continue; // someone else began to wait as the role changed hands: read on for them
            }
          } else {
            receiveRole.unlock();
          }
          if (!closed) {
            LockSupport.parkNanos(this, LEASE_NANOS);
          }
        } else {
          // An application thread leads: sleep until it lets go (it wakes us then).
          readerDormant = true;
          if (receiveRole.isLocked() && !closed) {
            LockSupport.park(this);
          }
          readerDormant = false;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Tag failure, replay, timeout, reset connection, protocol violation: the session ends here,
      // and no byte of the offending record reached a stream.
      close();
    }
  }

  /**
   * Whether the session's reader should let go of the role now: exactly one application thread
   * waits, it asked for the role, and what it waits for has arrived (it is woken as the reader lets
   * go). With more waiting, or the one waiting not served yet, the reader keeps reading for them.
   */
  private boolean handOver() {
    BooleanSupplier wanted = roleWantedFor.get();
    return wanted != null && waitingForPeer.get() <= 1 && wanted.getAsBoolean();
  }

  /** Reads and dispatches records until {@code done}; the caller holds the receive role. */
  private void readRecords(BooleanSupplier done) throws IOException {
    while (!closed && !done.getAsBoolean()) {
      if (!owedWakes.isEmpty() && (owedWakes.full() || !in.nextRecordReadable())) {
        // The next read may wait on the network (or enough is queued): wake the streams first.
        owedWakes.wakeAll();
      }
      in.awaitRecord(options.idleMillis(), options.readTimeoutNanos());
      dispatch(RecordIo.readBuffered(in, keys.receive()));
    }
  }

  /**
   * Called by an application thread about to wait for a record (its stream's DATA, FIN or credit):
   * if the receive role is free, reads records on this thread until {@code satisfied}; otherwise
   * registers the caller as waiting, and the caller waits to be woken, then calls {@link
   * #stopWaiting}. Never throws: a failure closes the session, which fails every stream.
   *
   * @return true if this thread led (the caller re-checks), false if it must wait
   */
  boolean leadOrWait(BooleanSupplier satisfied) {
    waitingForPeer.incrementAndGet();
    while (true) {
      if (closed) {
        return false;
      }
      if (Thread.currentThread().isInterrupted()) {
        // An interrupted virtual thread's socket read closes the socket (JDK behaviour): a thread
        // with its interrupt flag set never reads for the session, it waits as it always did. If the
        // role is free, the session's reader reads for it now.
        LockSupport.unpark(reader);
        return false;
      }
      if (receiveRole.tryLock()) {
        break;
      }
      roleWantedFor.set(satisfied);
      if (receiveRole.isLocked()) {
        // Its holder counts this thread as waiting: it reads on for it, or wakes the session's
        // reader when it lets go.
        return false;
      }
      // Let go meanwhile, maybe before it could see this thread waiting: try again.
    }
    roleWantedFor.compareAndSet(satisfied, null);
    waitingForPeer.decrementAndGet();
    try {
      readRecords(satisfied);
    } catch (IOException | RuntimeException e) {
      close();
    } finally {
      owedWakes.wakeAll();
      appReleasedNanos = System.nanoTime();
      receiveRole.unlock();
      if (readerDormant || waitingForPeer.get() > 0) {
        LockSupport.unpark(reader);
      }
    }
    return true;
  }

  /** The caller of a {@link #leadOrWait} that returned false is no longer waiting. */
  void stopWaiting(BooleanSupplier satisfied) {
    roleWantedFor.compareAndSet(satisfied, null);
    waitingForPeer.decrementAndGet();
  }

  private void dispatch(RecordIo.Opened record) throws IOException {
    RecordHeader header = record.header();
    byte[] payload = record.plaintext();
    int length = record.length();
    int id = header.streamId();
    int type = header.type();
    if (id == 0) {
      if (type != RecordHeader.CLOSE || length != 4) {
        throw new ChannelException("record: not a session record");
      }
      peerGoingAway = true;
      if (streams.isEmpty() && !options.serverSide()) {
        close();
      }
      return;
    }
    switch (type) {
      case RecordHeader.DATA -> {
        if (length == 0) {
          throw new ChannelException("record: empty DATA");
        }
      }
      case RecordHeader.WINDOW, RecordHeader.RESET -> {
        if (length != 4) {
          throw new ChannelException("record: bad control payload");
        }
      }
      case RecordHeader.FIN, RecordHeader.OPEN -> {
        if (length != 0) {
          throw new ChannelException("record: FIN or OPEN with payload");
        }
      }
      default -> throw new ChannelException("record: session record on a stream");
    }
    if (type == RecordHeader.OPEN) {
      acceptNewStream(id);
      return;
    }
    StreamImpl stream = streams.get(id);
    if (stream == null) {
      synchronized (openLock) {
        if (id > highestStreamId) {
          throw new ChannelException("record: stream that was never opened");
        }
      }
      if (record.pooled()) {
        BufferPool.OPENED.give(payload);
      }
      return; // closed, reset or refused earlier; its records may still have been in flight
    }
    switch (type) {
      case RecordHeader.DATA -> {
        owedWakes.add(stream, stream.onData(payload, length, record.pooled()), length);
      }
      case RecordHeader.WINDOW -> {
        int increment = u32(payload);
        if (increment <= 0) {
          throw new ChannelException("record: bad WINDOW increment");
        }
        stream.onWindow(increment);
      }
      case RecordHeader.FIN -> stream.onFin();
      case RecordHeader.RESET -> stream.onReset();
      default -> throw new IllegalStateException("unreachable record type");
    }
  }

  /** OPEN from the client: ids strictly increase, so a stale or repeated id cannot reopen a stream. */
  private void acceptNewStream(int id) throws IOException {
    synchronized (openLock) {
      if (!options.serverSide() || id <= highestStreamId) {
        throw new ChannelException("record: OPEN out of order or from the server");
      }
      highestStreamId = id;
    }
    if (goingAway || streams.size() >= options.maxStreams() || !reserveMore(StreamImpl.INITIAL_WINDOW_BYTES)) {
      sendControl(id, RecordHeader.RESET, CODE_REFUSED);
      return;
    }
    StreamImpl stream = new StreamImpl(id, this);
    streams.put(id, stream);
    options.onNewStream().accept(stream);
  }

  /**
   * Reserves receive-buffer bytes from the server's budget (the client has none): the initial
   * window when a stream opens, the rest of the larger window when a stream grows.
   *
   * @return false, reserving nothing, if the budget has less than {@code bytes} left
   */
  boolean reserveMore(int bytes) {
    AtomicLong budget = options.bufferBudget();
    if (budget == null) {
      return true;
    }
    long now;
    do {
      now = budget.get();
      if (now < bytes) {
        return false;
      }
    } while (!budget.compareAndSet(now, now - bytes));
    return true;
  }

  /**
   * Reserves the growth of one stream's receive window: at most {@link #MAX_GROWN_STREAMS} streams
   * of a session hold a grown window at once (many streams together already keep enough credit in
   * flight, and the cap bounds what one session can make us buffer), and only if the budget has room.
   */
  boolean reserveGrowth(int bytes) {
    if (grownStreams.incrementAndGet() > MAX_GROWN_STREAMS) {
      grownStreams.decrementAndGet();
      return false;
    }
    if (!reserveMore(bytes)) {
      grownStreams.decrementAndGet();
      return false;
    }
    return true;
  }

  /**
   * Opens a stream (client side).
   *
   * @throws ChannelException if the session is closed, going away, or at its stream cap
   */
  public ChannelStream openStream() throws ChannelException {
    synchronized (openLock) {
      if (closed || peerGoingAway) {
        throw new ChannelException("session closed or going away");
      }
      if (streams.size() >= options.maxStreams()) {
        throw new ChannelException("session at its stream cap (" + options.maxStreams() + ")");
      }
      if (highestStreamId == Integer.MAX_VALUE) {
        throw new ChannelException("session ran out of stream ids");
      }
      StreamImpl stream = new StreamImpl(++highestStreamId, this);
      streams.put(stream.id(), stream);
      try {
        // Sent under the open lock, so OPEN records leave in id order whatever the threads do.
        send(stream.id(), RecordHeader.OPEN, new byte[0], 0, 0);
      } catch (ChannelException e) {
        throw e;
      } catch (IOException e) {
        throw new ChannelException("session closed", e);
      }
      return stream;
    }
  }

  void streamFinished(StreamImpl stream) {
    if (streams.remove(stream.id(), stream)) {
      int window = stream.receiveWindow();
      if (window > StreamImpl.INITIAL_WINDOW_BYTES) {
        grownStreams.decrementAndGet();
      }
      if (options.serverSide() && options.bufferBudget() != null) {
        options.bufferBudget().addAndGet(window);
      }
    }
    if (streams.isEmpty() && (goingAway || (peerGoingAway && !options.serverSide()))) {
      close();
    }
  }

  void sendControl(int streamId, int type, int value) throws IOException {
    byte[] payload = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    send(streamId, type, payload, 0, 4);
  }

  /** A DATA write is sealed and written as a run of up to this many full records at once. */
  static final int RUN_RECORDS = 4;
  /** The most plaintext one {@link #send} of DATA takes: a run of full records. */
  static final int RUN_PLAINTEXT_BYTES = RUN_RECORDS * RecordHeader.MAX_PLAINTEXT_BYTES;

  /**
   * Seals and writes one record, or, for DATA of more than one record's plaintext (up to {@link
   * #RUN_RECORDS} records' worth), a run of consecutive records in one socket write, so the peer's
   * reader is woken once per run instead of once per record. The nonces and the one write ticket
   * are taken together under the send lock, so ticket order is counter order, also across a
   * ratchet (a run may span one; each record is sealed under its own epoch); the AES/ChaCha work
   * runs outside it, in parallel with other streams' writers; the run leaves in ticket order.
   * Nothing changes on the wire: the records are the same as if written one by one. Any failure
   * (exhausted epochs, a sealing error, a socket error) closes the session.
   */
  void send(int streamId, int type, byte[] payload, int offset, int length) throws IOException {
    int max = type == RecordHeader.DATA ? RUN_PLAINTEXT_BYTES : RecordHeader.MAX_PLAINTEXT_BYTES;
    if (length > max) {
      throw new IllegalArgumentException("plaintext over " + max + " bytes"); // a caller's bug; no nonce spent
    }
    int count = Math.max(1, (length + RecordHeader.MAX_PLAINTEXT_BYTES - 1) / RecordHeader.MAX_PLAINTEXT_BYTES);
    try {
      SendDirection.Reserved[] reserved = new SendDirection.Reserved[count];
      long ticket;
      sendLock.lock();
      try {
        if (closed) {
          throw new ChannelException("session closed");
        }
        for (int i = 0; i < count; i++) {
          int at = i * RecordHeader.MAX_PLAINTEXT_BYTES;
          reserved[i] = keys.send().reserve(streamId, type, Math.min(RecordHeader.MAX_PLAINTEXT_BYTES, length - at));
        }
        ticket = nextTicket++;
      } finally {
        sendLock.unlock();
      }
      if (length >= BufferPool.MIN_POOLED_PLAINTEXT) {
        byte[] run = BufferPool.SEALED.take();
        int sealed = 0;
        for (int i = 0; i < count; i++) {
          sealed += reserved[i].sealInto(payload, offset + i * RecordHeader.MAX_PLAINTEXT_BYTES, run, sealed);
        }
        writer.write(ticket, run, sealed);
        // Written: nothing reads it any more. On any failure it is left to the collector instead.
        BufferPool.SEALED.give(run);
      } else {
        byte[] record = reserved[0].seal(payload, offset);
        writer.write(ticket, record, record.length);
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e instanceof ChannelException ce ? ce : new ChannelException("session closed", e);
    }
  }

  /** Announces shutdown: no new streams; the session closes when the last stream finishes. */
  public void goAway() {
    goingAway = true;
    try {
      sendControl(0, RecordHeader.CLOSE, CODE_GOING_AWAY);
    } catch (IOException e) {
      return; // already closed
    }
    if (streams.isEmpty()) {
      close();
    }
  }

  public int openStreams() {
    return streams.size();
  }

  public boolean isClosed() {
    return closed;
  }

  /** The transcript hash (public: both sides know it); tests use it. */
  public byte[] transcriptHash() {
    return keys.transcriptHash().clone();
  }

  /** The epochs each direction is in now; tests use them to see rekeys. */
  public long sendEpoch() {
    sendLock.lock();
    try {
      return keys.send().epoch();
    } finally {
      sendLock.unlock();
    }
  }

  public long receiveEpoch() {
    return keys.receive().epoch();
  }

  /** Closes the connection, fails every stream and erases the keys. Idempotent. */
  public void close() {
    synchronized (openLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    in.unwatch();
    // Wakes writers waiting for a record that will never be written (its sealer failed or is gone).
    writer.fail();
    List<StreamImpl> open = new ArrayList<>(streams.values());
    for (StreamImpl stream : open) {
      stream.fail("session closed");
    }
    sendLock.lock();
    try {
      keys.send().destroy();
    } finally {
      sendLock.unlock();
    }
    // The receive key belongs to the role's holder, which is leaving or will fail on the closed socket.
    keys.receive().destroy();
    LockSupport.unpark(reader);
    options.onClosed().run();
  }

  private static int u32(byte[] p) {
    return ((p[0] & 0xFF) << 24) | ((p[1] & 0xFF) << 16) | ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
  }
}
