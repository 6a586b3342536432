package dev.bulwark.channel.internal;

import dev.bulwark.channel.ChannelException;
import dev.bulwark.channel.ChannelStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * One stream's state: its receive buffer (bounded by the window it granted), its send credit, and
 * its FIN/RESET flags (docs/channel-protocol.md §4). Only the session's reader and this handle's
 * holders touch it. Thread-safe.
 */
final class StreamImpl implements ChannelStream {
  /** v1 protocol constant: each direction of each stream starts with this much credit. */
  static final int INITIAL_WINDOW_BYTES = 128 * 1024;
  /**
   * The receive window a stream grows to once it has carried bulk data: 128 KiB in flight stalls a
   * bulk stream on every credit round trip, 1 MiB keeps it busy (docs/channel-protocol.md §4).
   */
  static final int RECEIVE_WINDOW_BYTES = 1024 * 1024;
  private final int id;
  private final Session session;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readable = lock.newCondition();
  private final Condition writable = lock.newCondition();
  private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
  private final ReentrantLock readerLock = new ReentrantLock();
  private final ReentrantLock writerLock = new ReentrantLock();
  private int headOffset;
  private int receiveWindow = INITIAL_WINDOW_BYTES;
  private long receiveAllowance = INITIAL_WINDOW_BYTES;
  private long consumedSinceUpdate;
  private long sendCredit = INITIAL_WINDOW_BYTES;
  private boolean remoteFin;
  private boolean localFin;
  private boolean reset;
  private String failure;
  private boolean finished;
  /** DATA was queued and the reader not yet woken for it; the receive role's holder owes a {@link #wake}. */
  private boolean wakeOwed;

  StreamImpl(int id, Session session) {
    this.id = id;
    this.session = session;
  }

  /** The bytes this side lets the peer have in flight; the server has reserved exactly this much. */
  int receiveWindow() {
    lock.lock();
    try {
      return receiveWindow;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int id() {
    return id;
  }

  // Reader-thread side ------------------------------------------------------------------------

  /**
   * DATA from the peer; a peer that exceeds the credit it was granted breaks the protocol. The
   * application's reader is not woken here: the session's reader wakes it with {@link #wake} before
   * it next waits on the socket, so records that arrived together cost one wake-up, not one each.
   *
   * @param payload the plaintext, its first {@code length} bytes
   * @param pooled whether {@code payload} is from {@link BufferPool#OPENED}: this stream gives it
   *     back once read or dropped, and drops it unread if the DATA is refused (the session closes)
   * @return true if this stream now needs a {@link #wake} (it was not already owed one)
   */
  boolean onData(byte[] payload, int length, boolean pooled) throws ChannelException {
    lock.lock();
    try {
      if (remoteFin) {
        throw new ChannelException("stream: DATA after FIN");
      }
      if (length > receiveAllowance) {
        throw new ChannelException("stream: peer exceeded its flow-control credit");
      }
      if (reset) {
        release(new Chunk(payload, length, pooled));
        return false;
      }
      receiveAllowance -= length;
      chunks.addLast(new Chunk(payload, length, pooled));
      if (wakeOwed) {
        return false;
      }
      wakeOwed = true;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Received plaintext waiting for the application: the first {@code length} bytes of {@code bytes}. */
  private record Chunk(byte[] bytes, int length, boolean pooled) {}

  /** A chunk nothing reads any more (consumed or dropped under the lock): its buffer goes back. */
  private static void release(Chunk chunk) {
    if (chunk.pooled()) {
      BufferPool.OPENED.give(chunk.bytes());
    }
  }

  /** Wakes the application's reader for the DATA queued since the last wake-up. */
  void wake() {
    lock.lock();
    try {
      wakeOwed = false;
      readable.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void onWindow(long increment) throws ChannelException {
    lock.lock();
    try {
      sendCredit += increment;
      if (sendCredit > Integer.MAX_VALUE) {
        throw new ChannelException("stream: credit overflow");
      }
      writable.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void onFin() throws ChannelException {
    lock.lock();
    try {
      if (remoteFin) {
        throw new ChannelException("stream: second FIN");
      }
      remoteFin = true;
      readable.signalAll();
    } finally {
      lock.unlock();
    }
    finishIfDone();
  }

  void onReset() {
    fail("stream reset by peer");
  }

  /** Fails the stream locally (session closed, peer reset); wakes every waiter. */
  void fail(String reason) {
    lock.lock();
    try {
      if (!reset) {
        reset = true;
        failure = reason;
        for (Chunk chunk : chunks) {
          release(chunk);
        }
        chunks.clear();
      }
      readable.signalAll();
      writable.signalAll();
    } finally {
      lock.unlock();
    }
    finish();
  }

  // Application side ---------------------------------------------------------------------------

  int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    readerLock.lock();
    try {
      int n;
      long update = 0;
      // Only this thread consumes (reader lock): once readable, it stays readable until it reads.
      awaitPeer(readable, this::readableNow);
      lock.lock();
      try {
        if (reset) {
          throw new ChannelException(failure);
        }
        if (chunks.isEmpty()) {
          return -1;
        }
        // Drains as many queued records as fit: one wake-up and one lock round per read, not per record.
        n = 0;
        while (n < len && !chunks.isEmpty()) {
          Chunk head = chunks.peekFirst();
          int take = Math.min(len - n, head.length() - headOffset);
          System.arraycopy(head.bytes(), headOffset, b, off + n, take);
          n += take;
          headOffset += take;
          if (headOffset == head.length()) {
            chunks.removeFirst();
            headOffset = 0;
            release(head);
          }
        }
        consumedSinceUpdate += n;
        // Credit goes back once half the initial window, or a quarter of a grown one, is consumed:
        // few WINDOW records, and a bulk sender keeps at least 3/4 of a grown window in flight
        // instead of stalling on a WINDOW round trip whenever half of it waits to be reported.
        int threshold = receiveWindow > INITIAL_WINDOW_BYTES ? receiveWindow / 4 : receiveWindow / 2;
        if (consumedSinceUpdate >= threshold && !remoteFin) {
          update = consumedSinceUpdate;
          // A stream that consumed half a window is carrying bulk data: grow its window once, in
          // the same WINDOW record, if the session can reserve the difference.
          int growth = RECEIVE_WINDOW_BYTES - receiveWindow;
          if (growth > 0 && !reset && session.reserveGrowth(growth)) {
            receiveWindow = RECEIVE_WINDOW_BYTES;
            update += growth;
          }
          receiveAllowance += update;
          consumedSinceUpdate = 0;
        }
      } finally {
        lock.unlock();
      }
      if (update > 0) {
        session.sendControl(id, RecordHeader.WINDOW, (int) update);
      }
      return n;
    } finally {
      readerLock.unlock();
    }
  }

  /**
   * Waits, without {@link #lock}, until {@code ready}: reads the session's records on this thread
   * if its receive role is free (leader/follower, docs/channel-protocol.md §4), or waits on {@code
   * condition} to be woken by whoever holds it.
   */
  private void awaitPeer(Condition condition, BooleanSupplier ready) {
    while (!ready.getAsBoolean()) {
      if (session.leadOrWait(ready)) {
        continue;
      }
      lock.lock();
      try {
        while (!ready.getAsBoolean()) {
          condition.awaitUninterruptibly();
        }
      } finally {
        lock.unlock();
        session.stopWaiting(ready);
      }
    }
  }

  private boolean readableNow() {
    lock.lock();
    try {
      return !chunks.isEmpty() || remoteFin || reset;
    } finally {
      lock.unlock();
    }
  }

  private boolean writableNow() {
    lock.lock();
    try {
      return sendCredit > 0 || reset || localFin;
    } finally {
      lock.unlock();
    }
  }

  int available() {
    lock.lock();
    try {
      int total = 0;
      for (Chunk chunk : chunks) {
        total += chunk.length();
      }
      return total - headOffset;
    } finally {
      lock.unlock();
    }
  }

  void write(byte[] b, int off, int len) throws IOException {
    writerLock.lock();
    try {
      int done = 0;
      while (done < len) {
        int n;
        // Only this thread spends credit (writer lock): once there is some, it stays until spent.
        awaitPeer(writable, this::writableNow);
        lock.lock();
        try {
          if (reset) {
            throw new ChannelException(failure);
          }
          if (localFin) {
            throw new ChannelException("stream: write after closeWrite");
          }
          // Up to a run of full records at once: one socket write, one wake-up of the peer's reader.
          n = (int) Math.min(Math.min(len - done, sendCredit), Session.RUN_PLAINTEXT_BYTES);
          sendCredit -= n;
        } finally {
          lock.unlock();
        }
        session.send(id, RecordHeader.DATA, b, off + done, n);
        done += n;
      }
    } finally {
      writerLock.unlock();
    }
  }

  @Override
  public void closeWrite() throws IOException {
    lock.lock();
    try {
      if (localFin || reset) {
        return;
      }
      localFin = true;
      writable.signalAll();
    } finally {
      lock.unlock();
    }
    session.send(id, RecordHeader.FIN, new byte[0], 0, 0);
    finishIfDone();
  }

  @Override
  public void reset() throws IOException {
    boolean send;
    lock.lock();
    try {
      send = !reset && !(localFin && remoteFin);
    } finally {
      lock.unlock();
    }
    fail("stream reset");
    if (send && !session.isClosed()) {
      session.sendControl(id, RecordHeader.RESET, Session.CODE_CANCELLED);
    }
  }

  @Override
  public void close() throws IOException {
    boolean peerDone;
    lock.lock();
    try {
      peerDone = reset || remoteFin;
    } finally {
      lock.unlock();
    }
    if (peerDone) {
      if (!session.isClosed()) {
        closeWrite();
      }
    } else {
      reset();
    }
  }

  private void finishIfDone() {
    boolean done;
    lock.lock();
    try {
      done = localFin && remoteFin;
    } finally {
      lock.unlock();
    }
    if (done) {
      finish();
    }
  }

  private void finish() {
    lock.lock();
    try {
      if (finished) {
        return;
      }
      finished = true;
    } finally {
      lock.unlock();
    }
    session.streamFinished(this);
  }

  // Views --------------------------------------------------------------------------------------

  @Override
  public InputStream inputStream() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
          n = StreamImpl.this.read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        return StreamImpl.this.read(b, off, len);
      }

      @Override
      public int available() {
        return StreamImpl.this.available();
      }

      @Override
      public void close() throws IOException {
        StreamImpl.this.close();
      }
    };
  }

  @Override
  public OutputStream outputStream() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        StreamImpl.this.write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        StreamImpl.this.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        closeWrite();
      }
    };
  }

  @Override
  public ByteChannel byteChannel() {
    return new ByteChannel() {
      private volatile boolean open = true;

      @Override
      public int read(ByteBuffer dst) throws IOException {
        byte[] buffer = new byte[Math.min(dst.remaining(), RecordHeader.MAX_PLAINTEXT_BYTES)];
        int n = StreamImpl.this.read(buffer, 0, buffer.length);
        if (n > 0) {
          dst.put(buffer, 0, n);
        }
        return n;
      }

      @Override
      public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        byte[] buffer = new byte[n];
        src.get(buffer);
        StreamImpl.this.write(buffer, 0, n);
        return n;
      }

      @Override
      public boolean isOpen() {
        return open;
      }

      @Override
      public void close() throws IOException {
        open = false;
        StreamImpl.this.close();
      }
    };
  }

  @Override
  public String toString() {
    return "ChannelStream[" + id + "]";
  }
}
