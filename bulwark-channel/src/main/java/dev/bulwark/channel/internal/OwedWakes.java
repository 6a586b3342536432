package dev.bulwark.channel.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The streams given DATA whose application readers the session's reader has not woken yet
 * (docs/channel-protocol.md §4, bulk path). The reader wakes them before any socket read that may
 * wait on the network, so delivery is never held back behind it, or once {@link #WAKE_AFTER_BYTES}
 * of DATA are queued, so records that arrive back to back cost a stream one wake-up per burst, not
 * one per record. Not thread-safe: only the holder of the session's receive role uses it.
 */
final class OwedWakes {
  /**
   * Wake at the latest after this much DATA even while more records are already readable, so an
   * application never waits behind more than this (a quarter of a grown window: credit keeps
   * flowing back).
   */
  static final int WAKE_AFTER_BYTES = 256 * 1024;
  private final List<StreamImpl> streams = new ArrayList<>();
  private int bytes;

  /** DATA of {@code length} bytes was queued on {@code stream}; {@code first}: it was not owed a wake-up yet. */
  void add(StreamImpl stream, boolean first, int length) {
    if (first) {
      streams.add(stream);
    }
    bytes += length;
  }

  boolean isEmpty() {
    return streams.isEmpty();
  }

  boolean full() {
    return bytes >= WAKE_AFTER_BYTES;
  }

  /** Wakes every owed stream. */
  void wakeAll() {
    for (StreamImpl stream : streams) {
      stream.wake();
    }
    streams.clear();
    bytes = 0;
  }
}
