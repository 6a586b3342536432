package dev.bulwark.channel.internal;

import dev.bulwark.channel.ChannelException;
import dev.bulwark.channel.ChannelStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One authenticated session on one connection: a reader loop that frames records and opens them,
 * or leaves bulk DATA for the parked application reader of its stream to open (one thread reads the
 * socket while another decrypts; records are still opened one at a time in counter order, and a
 * stream is handed only plaintext whose every earlier record authenticated), a send lock that
 * hands out nonces and write tickets, sealing outside that lock on the sending thread, an {@link
 * OrderedWriter} that puts records on the wire in counter order, the stream table with its cap and
 * the buffered-bytes reservation (docs/channel-protocol.md §2, §4). Any refused record closes the
 * whole session before anything of it is delivered. Thread-safe.
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
  /**
   * Held by whoever opens records, the reader thread or a helping stream reader, so records are
   * opened and dispatched one at a time in counter order; guards the receive direction.
   */
  private final ReentrantLock receiveLock = new ReentrantLock();
  /** Guards {@link #waiting}, {@link #helper}, {@link #helperState} and {@link #waitingForOthers}. */
  private final ReentrantLock pendingLock = new ReentrantLock();
  private final Condition pendingShrank = pendingLock.newCondition();
  /** Framed records not yet opened, in counter order; never empty without a {@link #helper}. */
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  /**
   * Who opens the waiting records: null (nobody: the queue is empty), a stream whose application
   * reader was parked for DATA, or {@link #READER} once the reader thread took the work back.
   * Written under the pending lock; read without it by a stream reader asking whether it helps.
   */
  private volatile Object helper;
  /** The helper was woken and has not started yet: it surely will, the reader waits for it. */
  private static final int STARTING = 0;
  /** The helper is opening records in {@link #help}. */
  private static final int RUNNING = 1;
  /** The helper went back to its application with records left: the reader may take them over. */
  private static final int AWAY = 2;
  private int helperState;
  /**
   * Waiting records that are not DATA for the helper stream. A helper may go back to its
   * application ("away") only while this is 0: records for other streams, or its own control
   * records, must never wait on an application that may not read again soon.
   */
  private int waitingForOthers;
  private static final Object READER = new Object();
  /** At most this many framed records wait for a helper; then the reader waits or takes over. */
  static final int MAX_WAITING_RECORDS = 8;

  /** Records opened by stream readers, and of those, opened straight into an application's buffer; under the receive lock. */
  private long helpedRecords;
  private long directRecords;

  /** A framed record that waits to be opened: its header and where it starts in its read slab. */
  private record Waiting(RecordHeader header, ReadSlab slab, int at) {}
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
        if (helper != null || !owedWakes.isEmpty()) {
          boolean readable = in.nextRecordReadable();
          if (!readable) {
            // The next read may wait on the network: records left for a helper that is away are
            // opened now, so none waits on an application that may not read again soon.
            takeOverIfAway();
          }
          if (!owedWakes.isEmpty() && (owedWakes.full() || helper != null || !readable)) {
            // The next read may wait on the network, enough is queued, or a helper opens the next
            // records (the reader adds no more to this list for a while): wake the streams first.
            owedWakes.wakeAll();
          }
        }
        in.awaitRecord(options.idleMillis(), options.readTimeoutNanos());
        int at = in.require(RecordHeader.BYTES);
        RecordHeader header = RecordHeader.parse(in.buffer(), at);
        int recordBytes = RecordHeader.BYTES + header.length();
        at = in.require(recordBytes);
        if (!handedToHelper(header, at)) {
          // Nothing waits for a helper, so nobody else is opening: this record is next in order.
          receiveLock.lock();
          try {
            dispatch(RecordIo.open(header, in.buffer(), at, keys.receive()), owedWakes);
          } finally {
            receiveLock.unlock();
          }
        }
        in.consume(recordBytes);
      }
    } catch (IOException | RuntimeException e) {
      // Tag failure, replay, timeout, reset connection, protocol violation: the session ends here,
      // and no byte of the offending record reached a stream.
      close();
    }
  }

  /**
   * Leaves a framed record for a stream's application reader to open (docs/channel-protocol.md §4,
   * "Opening on the reading thread"): when records already wait for a helper (they are opened in
   * counter order, so this one waits behind them), or when it is bulk DATA for a stream whose reader
   * is parked waiting for data and can open it straight into its own buffer, splitting the session's
   * receiving work over two threads. Otherwise the reader opens it itself.
   *
   * @return true if the record now waits in the queue (its slab retained)
   */
  private boolean handedToHelper(RecordHeader header, int at) throws IOException {
    boolean takeOver = false;
    pendingLock.lock();
    try {
      if (helper == null) {
        if (header.type() != RecordHeader.DATA
            || header.length() - RecordCipher.TAG_BYTES < BufferPool.MIN_POOLED_PLAINTEXT) {
          return false;
        }
        StreamImpl stream = streams.get(header.streamId());
        if (stream == null) {
          return false;
        }
        // Set before asking, so a reader that stops parking right now still sees it when it leaves.
        helper = stream;
        helperState = STARTING;
        if (!stream.wakeToHelpIfParked()) {
          helper = null;
          return false;
        }
      }
      waiting.addLast(new Waiting(header, in.retainBuffer(), at));
      if (!forHelperStream(header)) {
        waitingForOthers++;
      }
      while (waiting.size() >= MAX_WAITING_RECORDS && !closed) {
        if (helperState == AWAY) {
          takeOver = takeRole();
          break;
        }
        pendingShrank.awaitUninterruptibly();
      }
    } finally {
      pendingLock.unlock();
    }
    if (takeOver) {
      help(null, null, 0, 0);
    }
    return true;
  }

  /** Whether {@code header} is DATA for the stream that is the helper now. Under the pending lock. */
  private boolean forHelperStream(RecordHeader header) {
    return helper instanceof StreamImpl s && forStream(header, s);
  }

  private static boolean forStream(RecordHeader header, StreamImpl stream) {
    return header.type() == RecordHeader.DATA && header.streamId() == stream.id();
  }

  /** The reader thread takes the helper role from a helper that is away. Under the pending lock. */
  private boolean takeRole() {
    helper = READER;
    helperState = RUNNING;
    waitingForOthers = waiting.size();
    return true;
  }

  /**
   * Before the reader may block on the network: if records wait for a helper that is away (its
   * application has not come back to read), the reader opens them itself, so no record waits on an
   * application that may never read again. A helper that is starting is left alone: it was woken,
   * and every way out of its read opens the waiting records first ({@link StreamImpl}).
   */
  private void takeOverIfAway() throws IOException {
    pendingLock.lock();
    try {
      if (helper == null || helperState != AWAY) {
        return;
      }
      takeRole();
    } finally {
      pendingLock.unlock();
    }
    help(null, null, 0, 0);
  }

  /** Whether {@code stream}'s application reader is the one to open the waiting records now. */
  boolean isHelper(StreamImpl stream) {
    return helper == stream;
  }

  /**
   * Opens waiting records in counter order, on the thread of {@code me}'s application reader (or,
   * with {@code me == null}, on the reader thread after it took the work back). DATA for {@code me}
   * is opened straight into {@code b[off..off+len)} while it fits and nothing older is queued for
   * {@code me}; everything else is dispatched as the reader would. Stops when the queue is empty
   * (the helper role ends), or, for a stream, when only DATA for {@code me} waits, the next does not
   * fit, and the application has data to read (the role stays, "away": {@code me} comes back for it,
   * or the reader takes over). {@code b == null} opens everything into the stream's queue: a reader
   * that leaves its read without helping calls that.
   *
   * @return bytes opened straight into {@code b}
   * @throws ChannelException if a record was refused: the session is closed, nothing of it delivered
   */
  int help(StreamImpl me, byte[] b, int off, int len) throws IOException {
    Object role = me == null ? READER : me;
    OwedWakes wakes = me == null ? owedWakes : new OwedWakes();
    int delivered = 0;
    boolean queuedForMe = false;
    receiveLock.lock();
    try {
      while (true) {
        Waiting next;
        pendingLock.lock();
        try {
          if (closed) {
            throw new ChannelException("session closed");
          }
          if (helper != role) {
            break;
          }
          next = waiting.peekFirst();
          if (next == null) {
            helper = null;
            waitingForOthers = 0;
            pendingShrank.signalAll();
            break;
          }
          boolean mine = me != null && forHelperStream(next.header());
          int plain = next.header().length() - RecordCipher.TAG_BYTES;
          if (mine && waitingForOthers == 0 && (delivered > 0 || queuedForMe) && plain > len - delivered) {
            // Only this stream's own DATA waits, and its application has data to read: back to it.
            helperState = AWAY;
            pendingShrank.signalAll();
            break;
          }
          waiting.pollFirst();
          if (!mine) {
            waitingForOthers--;
          }
          helperState = RUNNING;
          pendingShrank.signalAll();
        } finally {
          pendingLock.unlock();
        }
        try {
          int direct = openWaiting(next, me, b, off + delivered, len - delivered, wakes);
          if (me != null) {
            helpedRecords++;
            directRecords += direct > 0 ? 1 : 0;
          }
          delivered += direct;
          queuedForMe |= direct == 0 && me != null && forStream(next.header(), me);
        } finally {
          next.slab().release();
        }
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e instanceof ChannelException ce ? ce : new ChannelException("session closed", e);
    } finally {
      receiveLock.unlock();
      if (me != null) {
        wakes.wakeAll();
      }
    }
    return delivered;
  }

  /** Opens one waiting record: into {@code b} if it is DATA for {@code me} that fits, else dispatches it. */
  private int openWaiting(Waiting record, StreamImpl me, byte[] b, int off, int room, OwedWakes wakes)
      throws IOException {
    RecordHeader header = record.header();
    int plain = header.length() - RecordCipher.TAG_BYTES;
    if (b != null && me != null && forStream(header, me) && plain > 0 && plain <= room && me.canTakeDirect(plain)) {
      keys.receive().openInto(header, record.slab().bytes, record.at(), b, off);
      me.onDirectData(plain);
      return plain;
    }
    dispatch(RecordIo.open(header, record.slab().bytes, record.at(), keys.receive()), wakes);
    return 0;
  }

  private void dispatch(RecordIo.Opened record, OwedWakes wakes) throws IOException {
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
        wakes.add(stream, stream.onData(payload, length, record.pooled()), length);
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

  /**
   * How many records stream readers opened (rather than the session's reader thread), and how many
   * of those went straight into the application's buffer; tests use them to see that path taken.
   */
  long[] recordsOpenedByStreamReaders() {
    receiveLock.lock();
    try {
      return new long[] {helpedRecords, directRecords};
    } finally {
      receiveLock.unlock();
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
    pendingLock.lock();
    try {
      // Waiting records are dropped unopened; their slabs are left to the collector, since a helper
      // may still be reading one.
      waiting.clear();
      helper = null;
      waitingForOthers = 0;
      pendingShrank.signalAll();
    } finally {
      pendingLock.unlock();
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
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
