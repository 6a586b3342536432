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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One authenticated session on one connection: a reader loop that opens records and hands them to
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
  /** Streams given DATA whose readers are not yet woken; the reader thread's alone. */
  private final OwedWakes owedWakes = new OwedWakes();
  private int highestStreamId;
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

  /** Reads records until the session ends; never throws. Run it on its own (virtual) thread. */
  public void runReader() {
    try {
      while (!closed) {
        if (!owedWakes.isEmpty() && (owedWakes.full() || !in.nextRecordReadable())) {
          // The next read may wait on the network (or enough is queued): wake the streams first.
          owedWakes.wakeAll();
        }
        in.awaitRecord(options.idleMillis(), options.readTimeoutNanos());
        dispatch(RecordIo.readBuffered(in, keys.receive()));
      }
    } catch (IOException | RuntimeException e) {
      // Tag failure, replay, timeout, reset connection, protocol violation: the session ends here,
      // and no byte of the offending record reached a stream.
      close();
    }
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

  /**
   * Seals and writes one record. The nonce and the write ticket are taken together under the send
   * lock, so ticket order is counter order, also across a ratchet; the AES/ChaCha work runs outside
   * it, in parallel with other streams' writers; the record leaves in ticket order. Any failure
   * (exhausted epochs, a sealing error, a socket error) closes the session.
   */
  void send(int streamId, int type, byte[] payload, int offset, int length) throws IOException {
    if (length > RecordHeader.MAX_PLAINTEXT_BYTES) {
      throw new IllegalArgumentException("record plaintext over 16384 bytes"); // a caller's bug; no nonce spent
    }
    try {
      SendDirection.Reserved reserved;
      long ticket;
      sendLock.lock();
      try {
        if (closed) {
          throw new ChannelException("session closed");
        }
        reserved = keys.send().reserve(streamId, type, length);
        ticket = nextTicket++;
      } finally {
        sendLock.unlock();
      }
      if (length >= BufferPool.MIN_POOLED_PLAINTEXT) {
        byte[] record = BufferPool.SEALED.take();
        writer.write(ticket, record, reserved.sealInto(payload, offset, record));
        // Written: nothing reads it any more. On any failure it is left to the collector instead.
        BufferPool.SEALED.give(record);
      } else {
        byte[] record = reserved.seal(payload, offset);
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
    // The receive key belongs to the reader thread, which is leaving or will fail on the closed socket.
    keys.receive().destroy();
    options.onClosed().run();
  }

  private static int u32(byte[] p) {
    return ((p[0] & 0xFF) << 24) | ((p[1] & 0xFF) << 16) | ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
  }
}
