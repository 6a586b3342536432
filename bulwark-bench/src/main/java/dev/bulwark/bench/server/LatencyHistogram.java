package dev.bulwark.bench.server;

import java.util.concurrent.TimeUnit;

/**
 * Latencies in fixed log-linear buckets (the HdrHistogram layout with 7 significant bits): every
 * value below 128 ns has its own bucket, above that each power of two is split into 64 buckets, so
 * a reported percentile is within 1/128 (0.8 %) of the true value. Values from 0 to about 18 minutes;
 * a larger one is counted in the last bucket.
 *
 * <p>Not thread-safe: each load client records into its own histogram, merged with {@link #add}
 * once the clients have stopped (no shared counter on the measured path).
 */
public final class LatencyHistogram {
  private static final int LINEAR = 128;
  private static final int PER_OCTAVE = 64;
  private static final int MAX_SHIFT = 34;
  private static final int BUCKETS = LINEAR + MAX_SHIFT * PER_OCTAVE;

  private final long[] counts = new long[BUCKETS];
  private long total;

  /** Counts one latency of {@code nanos} (negative values count as 0). */
  public void record(long nanos) {
    counts[index(Math.max(0, nanos))]++;
    total++;
  }

  /** Adds every count of {@code other} to this histogram. */
  public void add(LatencyHistogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
  }

  /** How many latencies were recorded. */
  public long count() {
    return total;
  }

  /**
   * The latency at {@code percentile} (0 to 100] in microseconds: the middle of the bucket holding
   * the ceil(p/100 × count)-th smallest value.
   *
   * @throws IllegalStateException if nothing was recorded
   */
  public double percentileMicros(double percentile) {
    if (total == 0) {
      throw new IllegalStateException("no latency recorded");
    }
    if (!(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("a percentile is in (0, 100]");
    }
    long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return middle(i) / (double) TimeUnit.MICROSECONDS.toNanos(1);
      }
    }
    return middle(BUCKETS - 1) / (double) TimeUnit.MICROSECONDS.toNanos(1);
  }

  static int index(long nanos) {
    if (nanos < LINEAR) {
      return (int) nanos;
    }
    int shift = 63 - Long.numberOfLeadingZeros(nanos) - 6;
    if (shift > MAX_SHIFT) {
      return BUCKETS - 1;
    }
    return LINEAR + (shift - 1) * PER_OCTAVE + (int) ((nanos >>> shift) - PER_OCTAVE);
  }

  static long middle(int index) {
    if (index < LINEAR) {
      return index;
    }
    int shift = (index - LINEAR) / PER_OCTAVE + 1;
    long mantissa = (index - LINEAR) % PER_OCTAVE + PER_OCTAVE;
    return (mantissa << shift) + (1L << shift) / 2;
  }
}
