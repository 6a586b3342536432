package dev.bulwark.channel.internal;

import dev.bulwark.channel.ChannelException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Puts sealed records on the wire strictly in ticket order although they are sealed on many threads
 * at once (docs/channel-protocol.md §4). Tickets are handed out together with the nonce under the
 * session's send lock, so ticket order is counter order and the receiver sees counters strictly
 * increase across epochs. Whichever caller finds the next record ready writes it and every
 * consecutive ready record after it in one socket write, outside the lock; the others wait until
 * their own record is on the wire, so a caller still returns only after its record was written, and
 * a caller whose predecessor never arrives (its sealing failed) waits until {@link #fail} wakes it.
 * Thread-safe.
 */
final class OrderedWriter {
  /** A single socket write carries at most this many bytes of consecutive records. */
  static final int MAX_BATCH_BYTES = 64 * 1024;
  private final OutputStream out;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition progress = lock.newCondition();
  private final Map<Long, byte[]> pending = new HashMap<>();
  private long nextTicket;
  private boolean writing;
  private boolean failed;

  OrderedWriter(OutputStream out) {
    this.out = out;
  }

  /**
   * Writes {@code record}, sealed under ticket {@code ticket}, after every record of a smaller ticket.
   *
   * @throws IOException if the socket write failed (this caller's or the batch's) or the writer failed
   */
  void write(long ticket, byte[] record) throws IOException {
    boolean queued = false;
    while (true) {
      Batch batch;
      lock.lock();
      try {
        if (!queued) {
          if (failed) {
            throw new ChannelException("session closed");
          }
          pending.put(ticket, record);
          queued = true;
        }
        if (nextTicket > ticket) {
          return;
        }
        if (failed) {
          throw new ChannelException("session closed");
        }
        if (writing || !pending.containsKey(nextTicket)) {
          progress.awaitUninterruptibly();
          continue;
        }
        batch = takeReady();
        writing = true;
      } finally {
        lock.unlock();
      }
      boolean written = false;
      try {
        batch.writeTo(out);
        written = true;
      } finally {
        finish(batch.next(), written);
      }
    }
  }

  /** Consecutive ready records from {@code nextTicket}, and the ticket after the last of them. */
  private record Batch(byte[] first, ByteArrayOutputStream rest, long next) {
    void writeTo(OutputStream out) throws IOException {
      if (rest == null) {
        out.write(first);
      } else {
        rest.writeTo(out);
      }
    }
  }

  /** Takes the run of ready records from {@code nextTicket}; the lock is held. */
  private Batch takeReady() {
    ByteArrayOutputStream batch = null;
    byte[] first = pending.remove(nextTicket);
    long next = nextTicket + 1;
    int size = first.length;
    byte[] more;
    while (size < MAX_BATCH_BYTES && (more = pending.get(next)) != null) {
      if (batch == null) {
        batch = new ByteArrayOutputStream(MAX_BATCH_BYTES + more.length);
        batch.writeBytes(first);
      }
      pending.remove(next);
      batch.writeBytes(more);
      size += more.length;
      next++;
    }
    return new Batch(first, batch, next);
  }

  private void finish(long next, boolean written) {
    lock.lock();
    try {
      writing = false;
      if (written) {
        nextTicket = next;
      } else {
        failLocked();
      }
      progress.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Wakes every waiting caller with a failure and drops unwritten records; idempotent. */
  void fail() {
    lock.lock();
    try {
      failLocked();
      progress.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void failLocked() {
    failed = true;
    pending.clear();
  }
}
