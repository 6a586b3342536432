package dev.bulwark.channel.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The socket's input with two kinds of timeout: an idle wait for the first byte of a record, then
 * a total deadline for the rest of it (and a total deadline for the whole handshake), so a peer
 * that trickles one byte at a time cannot stretch either (Slowloris). Not thread-safe: one reader.
 */
public final class TimedInput extends InputStream {
  private final Socket socket;
  private final InputStream in;
  private long deadlineNanos;
  private boolean waitingForRecord;
  private long idleMillis;
  private long readNanos;

  public TimedInput(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
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

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (waitingForRecord) {
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, idleMillis));
      int n = in.read(b, off, len);
      if (n > 0) {
        deadline(System.nanoTime() + readNanos);
      }
      return n;
    }
    long remainingNanos = deadlineNanos - System.nanoTime();
    if (remainingNanos <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, remainingNanos / 1_000_000)));
    return in.read(b, off, len);
  }
}
