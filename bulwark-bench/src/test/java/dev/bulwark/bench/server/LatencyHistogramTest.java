package dev.bulwark.bench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void uniformLatencies_percentilesWithinOnePercent() {
    LatencyHistogram h = new LatencyHistogram();
    for (long micros = 1; micros <= 100_000; micros++) {
      h.record(TimeUnit.MICROSECONDS.toNanos(micros));
    }
    assertThat(h.count()).isEqualTo(100_000);
    assertThat(h.percentileMicros(50)).isCloseTo(50_000, within(500.0));
    assertThat(h.percentileMicros(99)).isCloseTo(99_000, within(990.0));
    assertThat(h.percentileMicros(99.9)).isCloseTo(99_900, within(999.0));
    assertThat(h.percentileMicros(100)).isCloseTo(100_000, within(1_000.0));
  }

  @Test
  void everyBucket_middleWithinOneHundredTwentyEighthOfItsValues() {
    for (long nanos = 1; nanos < 1L << 40; nanos = nanos * 3 / 2 + 1) {
      long middle = LatencyHistogram.middle(LatencyHistogram.index(nanos));
      assertThat((double) Math.abs(middle - nanos)).isLessThanOrEqualTo(nanos / 128.0 + 1);
    }
  }

  @Test
  void merged_countsBoth() {
    LatencyHistogram a = new LatencyHistogram();
    LatencyHistogram b = new LatencyHistogram();
    a.record(1_000);
    b.record(1_000_000);
    b.record(1_000_000);
    a.add(b);
    assertThat(a.count()).isEqualTo(3);
    assertThat(a.percentileMicros(33)).isCloseTo(1.0, within(0.01));
    assertThat(a.percentileMicros(50)).isCloseTo(1_000.0, within(10.0));
  }

  @Test
  void hugeAndNegativeValues_countedAtTheEnds() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(-5);
    h.record(Long.MAX_VALUE);
    assertThat(h.count()).isEqualTo(2);
    assertThat(h.percentileMicros(50)).isEqualTo(0.0);
    assertThat(h.percentileMicros(100)).isGreaterThan(1e9);
  }

  @Test
  void empty_percentileRefused() {
    assertThatThrownBy(() -> new LatencyHistogram().percentileMicros(50)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void percentileOutsideRange_refused() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(1);
    assertThatThrownBy(() -> h.percentileMicros(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> h.percentileMicros(100.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> h.percentileMicros(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
