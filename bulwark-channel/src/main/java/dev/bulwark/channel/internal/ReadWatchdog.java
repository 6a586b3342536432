package dev.bulwark.channel.internal;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces the sessions' idle and read timeouts from one process-wide daemon thread instead of a
 * socket timeout on every read (docs/channel-protocol.md §4, bulk path).
 *
 * <p>Why: a virtual thread's socket read with a timeout that has to wait schedules a timer task
 * with the virtual-thread scheduler and cancels it when bytes arrive. Measured on the bulk
 * benchmark (2026-12-04), that timer traffic was the largest single source of thread switches
 * and about a fifth of the channel's CPU per MiB. A session's reads are therefore untimed, and
 * this thread looks every {@link #TICK_MILLIS} at each session's armed deadline, closing the
 * socket of one whose deadline passed; its reader then fails with a timeout, as it would have on a
 * socket timeout, and the session closes. What can go wrong: a timeout fires up to one tick late,
 * never early; a session whose {@link Watch#end} is never called stays watched (Session.close
 * ends it on every path). The handshake, which unauthenticated peers drive and which reads only a
 * few times, keeps its precise socket timeouts. With no session watched the thread sleeps until
 * one is. Thread-safe.
 */
final class ReadWatchdog {
  /** How often deadlines are checked: the most a timeout can fire late. */
  static final long TICK_MILLIS = 50;
  static final ReadWatchdog INSTANCE = new ReadWatchdog();
  private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
  private final Thread thread;

  private ReadWatchdog() {
    thread = Thread.ofPlatform().daemon().name("bulwark-channel-watchdog").unstarted(this::run);
    thread.start();
  }

  private void run() {
    while (true) {
      if (watched.isEmpty()) {
        LockSupport.park(this); // nothing to watch: no wake-ups until a session reads
        continue;
      }
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
      long now = System.nanoTime();
      for (Watch watch : watched) {
        try {
          watch.expireIfPast(now);
        } catch (RuntimeException e) {
          // one connection's failure must not stop the watch over the others
        }
      }
    }
  }

  /**
   * One session's read deadline as the watchdog sees it: armed while a read waits, cleared
   * between reads. Watched from {@link #start} until {@link #end}. Thread-safe.
   */
  static final class Watch {
    /** No deadline: the read may wait forever (a client session's idle wait). */
    static final long UNARMED = Long.MIN_VALUE;
    private static final int NEW = 0;
    private static final int STARTED = 1;
    private static final int ENDED = 2;
    private final Socket socket;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private volatile long armed = UNARMED;
    private volatile boolean expired;

    Watch(Socket socket) {
      this.socket = socket;
    }

    boolean started() {
      return state.get() != NEW;
    }

    /** Puts this session under the watchdog; a no-op once started or ended. */
    void start() {
      if (state.compareAndSet(NEW, STARTED)) {
        INSTANCE.watched.add(this);
        LockSupport.unpark(INSTANCE.thread);
        if (state.get() == ENDED) {
          INSTANCE.watched.remove(this); // ended while being registered
        }
      }
    }

    /** The session ended: the watchdog lets go of it for good. Idempotent. */
    void end() {
      if (state.getAndSet(ENDED) == STARTED) {
        INSTANCE.watched.remove(this);
      }
    }

    /** The read about to wait must be over by {@code deadlineNanos} (System.nanoTime), or {@link #UNARMED}. */
    void arm(long deadlineNanos) {
      armed = deadlineNanos;
    }

    void disarm() {
      armed = UNARMED;
    }

    /** Whether the watchdog cut the connection at a deadline (so the read's failure is a timeout). */
    boolean expired() {
      return expired;
    }

    void expireIfPast(long nowNanos) {
      long deadline = armed;
      if (deadline != UNARMED && nowNanos - deadline > 0) {
        expired = true;
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing anyway: the reader fails on the closed socket
        }
      }
    }
  }
}
