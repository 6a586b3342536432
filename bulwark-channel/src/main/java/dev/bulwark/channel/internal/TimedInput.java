package dev.bulwark.channel.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * The socket's input with two kinds of timeout: an idle wait for the first byte of a record, then
 * a total deadline for the rest of it (and a total deadline for the whole handshake), so a peer
 * that trickles one byte at a time cannot stretch either (Slowloris).
 *
 * <p>Once a session starts ({@link #buffered}), records are read through one read buffer of
 * {@link #BUFFER_BYTES}: one socket read brings several records, and {@link #require} hands out a
 * whole record in place so it is decrypted straight from the buffer, without a copy into a body
 * array first. The buffer exists only while records are arriving: when the session waits for a
 * record and nothing is readable, it goes back to a process-wide pool ({@link BufferPool#READ}),
 * so an idle session holds none (idle heap,
 * docs/channel-protocol.md §4), and the handshake, which an unauthenticated peer drives, never gets
 * one. A session's reads are untimed on the socket: their deadlines are enforced by the {@link
 * ReadWatchdog} (the handshake's, by socket timeouts). Not thread-safe: one reader at a time (the
 * holder of the session's receive role).
 */
public final class TimedInput extends InputStream {
  /**
   * One read buffer per session while records arrive: exactly four full records (about 64 KiB),
   * so back-to-back full records end exactly at its end and the buffer starts over without moving
   * a partial record to its front.
   */
  static final int BUFFER_BYTES = 4 * (RecordHeader.BYTES + RecordHeader.MAX_LENGTH);
  private final Socket socket;
  private final InputStream in;
  private long deadlineNanos;
  private boolean waitingForRecord;
  private long idleMillis;
  private long readNanos;
  /** The SO_TIMEOUT last set, so an unchanged timeout costs no call per read. */
  private int soTimeout = -1;
  private boolean buffering;
  /** The session's reads' deadlines, as the watchdog sees them (watched from the first session read). */
  private final ReadWatchdog.Watch watch;
  private byte[] buffer;
  private int position;
  private int limit;

  public TimedInput(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.watch = new ReadWatchdog.Watch(socket);
  }

  /** Everything read from now on must arrive before {@code deadlineNanos} (System.nanoTime). */
  public void deadline(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
    this.waitingForRecord = false;
  }

  /** Waits up to {@code idleMillis} (0 = forever) for a record to start, then {@code readNanos} for it. */
  public void awaitRecord(long idleMillis, long readNanos) {
    this.idleMillis = idleMillis;
    this.readNanos = readNanos;
    this.waitingForRecord = true;
  }

  /** Turns on the session's read buffer; called once the handshake is over. */
  public void buffered() {
    this.buffering = true;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (position < limit) {
      int n = Math.min(len, limit - position);
      System.arraycopy(buffer, position, b, off, n);
      position += n;
      return n;
    }
    return readSocket(b, off, len);
  }

  /**
   * Makes the next {@code n} bytes (at most {@link #BUFFER_BYTES}) contiguous in the read buffer,
   * reading under the timeouts as needed, without consuming them.
   *
   * @return the offset of those bytes in {@link #buffer()}, valid until the next call
   * @throws EOFException if the connection ends first
   */
  int require(int n) throws IOException {
    if (!buffering || n > BUFFER_BYTES) {
      throw new IllegalStateException("require needs the session's read buffer and at most " + BUFFER_BYTES);
    }
    if (limit - position >= n) {
      return position;
    }
    if (position == limit) {
      position = 0;
      limit = 0;
      if (waitingForRecord && buffer != null && in.available() == 0) {
        // About to block for a record that has not started: an idle session keeps no buffer. It
        // goes back to the pool (it holds only ciphertext) and is never touched here again.
        BufferPool.READ.give(buffer);
        buffer = null;
      }
    }
    if (buffer == null) {
      if (waitingForRecord) {
        // Blocks for the first bytes into a small array, so the idle wait holds no buffer.
        byte[] first = new byte[Math.min(n, RecordHeader.BYTES)];
        int got = readSocket(first, 0, first.length);
        if (got < 0) {
          throw new EOFException("connection closed");
        }
        buffer = BufferPool.READ.take();
        System.arraycopy(first, 0, buffer, 0, got);
        limit = got;
      } else {
        buffer = BufferPool.READ.take();
      }
    } else if (buffer.length - position < n) {
      System.arraycopy(buffer, position, buffer, 0, limit - position);
      limit -= position;
      position = 0;
    }
    while (limit - position < n) {
      if (waitingForRecord && limit > position) {
        // The record started with bytes already buffered: the rest is due within the read deadline.
        deadline(System.nanoTime() + readNanos);
      }
      int got = readSocket(buffer, limit, buffer.length - limit);
      if (got < 0) {
        throw new EOFException("connection closed mid-record");
      }
      limit += got;
    }
    return position;
  }

  /**
   * Whether the next record can be read without waiting on the network: it is buffered whole, or
   * the socket already holds the rest of it (or the most it could be, if its header is not in yet).
   */
  boolean nextRecordReadable() throws IOException {
    int have = limit - position;
    int missing = have >= RecordHeader.BYTES && buffer != null
        ? RecordHeader.BYTES + RecordHeader.lengthAt(buffer, position) - have
        : RecordHeader.BYTES + RecordHeader.MAX_LENGTH - have;
    return missing <= 0 || in.available() >= missing;
  }

  /** Whether {@link #buffered} turned the read buffer on. */
  boolean isBuffered() {
    return buffering;
  }

  /** The read buffer that {@link #require} filled. */
  byte[] buffer() {
    return buffer;
  }

  /** Consumes {@code n} bytes that {@link #require} made available. */
  void consume(int n) {
    position += n;
  }

  /**
   * One socket read under the current wait: the idle wait for a record to start, or the started
   * record's (or the handshake's) deadline. Once the record's first bytes came, the rest is due
   * within the read timeout.
   */
  private int readSocket(byte[] b, int off, int len) throws IOException {
    if (!waitingForRecord && deadlineNanos - System.nanoTime() <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    int n = buffering ? readWatched(b, off, len) : readTimed(b, off, len);
    if (n > 0 && waitingForRecord) {
      deadline(System.nanoTime() + readNanos);
    }
    return n;
  }

  /** The handshake's read: bounded by a socket timeout. */
  private int readTimed(byte[] b, int off, int len) throws IOException {
    soTimeout(waitingForRecord
        ? (int) Math.min(Integer.MAX_VALUE, idleMillis)
        : (int) Math.max(1, Math.min(Integer.MAX_VALUE, (deadlineNanos - System.nanoTime()) / 1_000_000)));
    return in.read(b, off, len);
  }

  /**
   * A session's read: untimed on the socket, its deadline armed for the {@link ReadWatchdog}
   * instead, which closes the socket once the deadline has passed (see there for why).
   */
  private int readWatched(byte[] b, int off, int len) throws IOException {
    long deadline;
    if (!waitingForRecord) {
      deadline = deadlineNanos;
    } else if (idleMillis == 0) {
      deadline = ReadWatchdog.Watch.UNARMED;
    } else {
      deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(idleMillis);
    }
    if (!watch.started()) {
      soTimeout(0);
      watch.start();
    }
    watch.arm(deadline);
    try {
      return in.read(b, off, len);
    } catch (IOException e) {
      if (watch.expired()) {
        throw new SocketTimeoutException("deadline passed");
      }
      throw e;
    } finally {
      watch.disarm();
    }
  }

  /** The session ended: the watchdog lets go of this input for good. Idempotent. */
  public void unwatch() {
    watch.end();
  }

  private void soTimeout(int millis) throws IOException {
    if (millis != soTimeout) {
      socket.setSoTimeout(millis);
      soTimeout = millis;
    }
  }
}
