package dev.bulwark.channel;

import java.time.Duration;

/**
 * When each direction of a session ratchets its record key forward (docs/channel-protocol.md §3):
 * after {@code afterRecords} records, {@code after} time, or {@code afterBytes} plaintext bytes,
 * whichever comes first. None of the three can be disabled: each has an upper bound. Immutable.
 *
 * {@snippet :
 * RekeyPolicy policy = RekeyPolicy.defaults().withAfterBytes(256L << 20);
 * }
 *
 * @param afterRecords records per epoch, 1..2^32
 * @param after the longest an epoch lasts, 1 ms..24 h
 * @param afterBytes plaintext bytes per epoch, 1..64 GiB
 */
public record RekeyPolicy(long afterRecords, Duration after, long afterBytes) {
  /** NIST SP 800-38D §8.3: at most 2^32 invocations of GCM per key with counter nonces. */
  public static final long MAX_RECORDS = 1L << 32;
  /** The longest epoch allowed. */
  public static final Duration MAX_DURATION = Duration.ofHours(24);
  /** The most plaintext bytes per epoch allowed. */
  public static final long MAX_BYTES = 64L << 30;

  /** @throws IllegalArgumentException if a value is out of its bounds */
  public RekeyPolicy {
    if (afterRecords < 1 || afterRecords > MAX_RECORDS) {
      throw new IllegalArgumentException("afterRecords must be 1.." + MAX_RECORDS);
    }
    if (after == null || after.toMillis() < 1 || after.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("after must be 1 ms..24 h");
    }
    if (afterBytes < 1 || afterBytes > MAX_BYTES) {
      throw new IllegalArgumentException("afterBytes must be 1.." + MAX_BYTES);
    }
  }

  /** v1 defaults: 2^20 records, 10 minutes, 1 GiB. */
  public static RekeyPolicy defaults() {
    return new RekeyPolicy(1L << 20, Duration.ofMinutes(10), 1L << 30);
  }

  /** A copy with another record limit. */
  public RekeyPolicy withAfterRecords(long records) {
    return new RekeyPolicy(records, after, afterBytes);
  }

  /** A copy with another time limit. */
  public RekeyPolicy withAfter(Duration duration) {
    return new RekeyPolicy(afterRecords, duration, afterBytes);
  }

  /** A copy with another byte limit. */
  public RekeyPolicy withAfterBytes(long bytes) {
    return new RekeyPolicy(afterRecords, after, bytes);
  }
}
