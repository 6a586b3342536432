package dev.bulwark.channel.internal;

import dev.bulwark.channel.ChannelException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Puts sealed records on the wire strictly in ticket order although they are sealed on many threads
 * at once (docs/channel-protocol.md §4). Tickets are handed out together with the nonce under the
 * session's send lock, so ticket order is counter order and the receiver sees counters strictly
 * increase across epochs. Whichever caller finds the next record ready writes it and every
 * consecutive ready record after it (up to {@link #MAX_BATCH_BYTES}), outside the lock; the others
 * wait until their own record is on the wire, so a caller still returns only after its record was
 * written (and may then reuse its buffer), and
 * a caller whose predecessor never arrives (its sealing failed) waits until {@link #fail} wakes it.
 * Thread-safe.
 */
final class OrderedWriter {
  /** One writer's turn carries at most this many bytes of consecutive records. */
  static final int MAX_BATCH_BYTES = 64 * 1024;
  /** Consecutive records that together fit in this many bytes are copied into one socket write. */
  static final int GATHER_BYTES = 2048;
  private final OutputStream out;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition progress = lock.newCondition();
  private final Map<Long, Pending> pending = new HashMap<>();
  private long nextTicket;
  private boolean writing;
  private boolean failed;

  OrderedWriter(OutputStream out) {
    this.out = out;
  }

  /**
   * Writes the first {@code length} bytes of {@code record}, sealed under ticket {@code ticket},
   * after every record of a smaller ticket. The caller may reuse {@code record} once this returns,
   * never after it threw (another thread may still be writing it).
   *
   * @throws IOException if the socket write failed (this caller's or the batch's) or the writer failed
   */
  void write(long ticket, byte[] record, int length) throws IOException {
    boolean queued = false;
    while (true) {
      Batch batch;
      lock.lock();
      try {
        if (!queued) {
          if (failed) {
            throw new ChannelException("session closed");
          }
          pending.put(ticket, new Pending(record, length));
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

  /** One sealed record waiting for its turn: the first {@code length} bytes of {@code bytes}. */
  private record Pending(byte[] bytes, int length) {}

  /**
   * Consecutive ready records from {@code nextTicket}, and the ticket after the last of them. Small
   * records (WINDOW, FIN, OPEN) are gathered into one array so they cost one socket write; full
   * records are written as they are, without a copy into a batch array first.
   */
  private record Batch(List<Pending> records, long next) {
    void writeTo(OutputStream out) throws IOException {
      int i = 0;
      while (i < records.size()) {
        Pending first = records.get(i);
        int j = i + 1;
        int small = first.length();
        while (j < records.size() && small + records.get(j).length() <= GATHER_BYTES) {
          small += records.get(j).length();
          j++;
        }
        if (j == i + 1) {
          out.write(first.bytes(), 0, first.length());
        } else {
          byte[] gathered = new byte[small];
          int at = 0;
          for (int k = i; k < j; k++) {
            Pending p = records.get(k);
            System.arraycopy(p.bytes(), 0, gathered, at, p.length());
            at += p.length();
          }
          out.write(gathered);
        }
        i = j;
      }
    }
  }

  /** Takes the run of ready records from {@code nextTicket}; the lock is held. */
  private Batch takeReady() {
    List<Pending> batch = new ArrayList<>(4);
    Pending first = pending.remove(nextTicket);
    batch.add(first);
    long next = nextTicket + 1;
    int size = first.length();
    Pending more;
    while (size < MAX_BATCH_BYTES && (more = pending.remove(next)) != null) {
      batch.add(more);
      size += more.length();
      next++;
    }
    return new Batch(batch, next);
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
