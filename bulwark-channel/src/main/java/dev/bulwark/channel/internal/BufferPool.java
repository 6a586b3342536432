package dev.bulwark.channel.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small process-wide pool of record-sized arrays, so a bulk transfer reuses a few buffers that
 * stay in cache instead of allocating (and zeroing, and later collecting) a fresh 16 KiB array per
 * record on each side: on this project's machines that allocation cost more than the AES-GCM of the
 * record itself. Three pools, never mixed: {@link #SEALED} holds only sealed records and
 * {@link #READ} only sessions' read buffers (ciphertext, public on the wire anyway), {@link #OPENED}
 * only opened plaintext. A buffer taken from the
 * pool belongs to its taker until given back; one that is never given back (a failure path) is
 * left to the garbage collector, so a buffer is never reused while something may still read it.
 * A plaintext buffer is not zeroed when given back: its next user overwrites the bytes it reads,
 * and an array left to the collector was never zeroed either. Holds at most {@link #SLOTS} arrays
 * per pool ({@link #SLOTS} sealed runs of about 64 KiB each, so at most 2 MiB; {@link #READ_SLOTS}
 * read buffers, {@link #OPENED_SLOTS} plaintext buffers), made lazily, none per session (idle heap).
 * Thread-safe.
 */
final class BufferPool {
  /** Arrays kept per pool; more taken at once are allocated and dropped when given back. */
  static final int SLOTS = 32;
  /** Read buffers kept (each about 64 KiB, so at most 1 MiB). */
  static final int READ_SLOTS = 16;
  /** Sealed records of this many plaintext bytes or more go through {@link #SEALED}. */
  static final int MIN_POOLED_PLAINTEXT = 4096;
  /**
   * Sealed records: room for a run of {@link Session#RUN_RECORDS} whole records (header, the
   * largest ciphertext, tag each), sealed back to back and written at once.
   */
  static final BufferPool SEALED = new BufferPool(Session.RUN_RECORDS * (RecordHeader.BYTES + RecordHeader.MAX_LENGTH));
  /**
   * Opened plaintext buffers kept: a grown receive window (1 MiB) holds 64 full records queued for
   * their reader, so with {@link #SLOTS} half of every 1 MiB burst was allocated afresh (JFR: the
   * allocation was a quarter of the reading thread's time). At most 2 MiB for the whole process.
   */
  static final int OPENED_SLOTS = 128;
  /** Opened plaintext of the largest record. */
  static final BufferPool OPENED = new BufferPool(RecordHeader.MAX_PLAINTEXT_BYTES, OPENED_SLOTS);
  /**
   * Sessions' read buffers ({@link TimedInput#BUFFER_BYTES}): a session gives its buffer back
   * whenever it is about to wait for a record with nothing readable, and takes one again when bytes
   * arrive, so an idle session holds none and a busy one does not allocate 64 KiB per pause.
   */
  static final BufferPool READ = new BufferPool(TimedInput.BUFFER_BYTES, READ_SLOTS);

  private final int size;
  private final int slots;
  private final AtomicReferenceArray<byte[]> idle;

  /** A pool of arrays of {@code size} bytes; tests make their own, the channel uses the ones above. */
  BufferPool(int size) {
    this(size, SLOTS);
  }

  private BufferPool(int size, int slots) {
    this.size = size;
    this.slots = slots;
    this.idle = new AtomicReferenceArray<>(slots);
  }

  /** An array of the pool's size: a recently given-back one if any (still in cache), else a new one. */
  byte[] take() {
    // Read before writing: an atomic swap on every slot, empty or not, took each slot's cache line
    // exclusive and made the scan cost more than the AES-GCM of a record (JFR, 1-flow bulk).
    for (int i = 0; i < slots; i++) {
      if (idle.get(i) != null) {
        byte[] b = idle.getAndSet(i, null);
        if (b != null) {
          return b;
        }
      }
    }
    return new byte[size];
  }

  /** Gives back an array taken from this pool once nothing reads it any more. */
  void give(byte[] b) {
    if (b.length != size) {
      throw new IllegalArgumentException("not an array of this pool");
    }
    for (int i = 0; i < slots; i++) {
      if (idle.get(i) == null && idle.compareAndSet(i, null, b)) {
        return;
      }
    }
    // every slot taken: this one is left to the garbage collector
  }
}
