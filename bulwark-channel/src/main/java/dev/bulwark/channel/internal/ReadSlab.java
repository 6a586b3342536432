package dev.bulwark.channel.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session's read buffer ({@link BufferPool#READ}) shared between the reader, which fills it, and
 * the records in it that wait to be opened by a stream's reader thread (docs/channel-protocol.md §4,
 * "Opening on the reading thread"). Each holder owns one reference; the last one to let go gives the
 * array back to the pool, so an array is never refilled while a waiting record still points into it.
 * Thread-safe.
 */
final class ReadSlab {
  final byte[] bytes;
  private final AtomicInteger references = new AtomicInteger(1);

  /** A slab from the pool, held once by its taker. */
  ReadSlab() {
    this.bytes = BufferPool.READ.take();
  }

  /** One more holder: a record in it waits to be opened. */
  void retain() {
    references.incrementAndGet();
  }

  /** Whether anyone besides the reader still holds it: then the reader must not write into it. */
  boolean shared() {
    return references.get() > 1;
  }

  /** One holder lets go; the last one gives the array back. */
  void release() {
    if (references.decrementAndGet() == 0) {
      BufferPool.READ.give(bytes);
    }
  }
}
