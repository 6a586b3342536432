package dev.bulwark.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class Argon2CalibratorTest {
  /** A host where one pass over one KiB costs {@code nanosPerKiBPass}. */
  private static Argon2Calibrator.Probe linearHost(long nanosPerKiBPass) {
    return p -> Duration.ofNanos((long) p.memoryKiB() * p.iterations() * nanosPerKiBPass);
  }

  @Test
  void fastHost_getsTheWholeMemoryBudget_andAsManyPassesAsFitTheTarget() {
    // 64 MiB one pass = 65 536 × 1 000 ns = 65.5 ms: 3 passes fit in 250 ms, 4 do not.
    Argon2Parameters p = Argon2Calibrator.using(linearHost(1_000)).calibrate(Duration.ofMillis(250), 65_536);
    assertThat(p).isEqualTo(new Argon2Parameters(65_536, 3, 1));
  }

  @Test
  void slowHost_getsLessMemory_butNeverLessThanTheOwaspMinimum() {
    // 64 MiB one pass = 655 ms: memory halves to 32 MiB (327 ms), then 16 MiB is below the floor.
    Argon2Parameters p = Argon2Calibrator.using(linearHost(10_000)).calibrate(Duration.ofMillis(250), 65_536);
    assertThat(p.memoryKiB()).isEqualTo(32_768);
    assertThat((long) p.memoryKiB() * p.iterations()).isGreaterThanOrEqualTo(19_456L * 2);
    Argon2Parameters verySlow = Argon2Calibrator.using(linearHost(1_000_000)).calibrate(Duration.ofMillis(250), 19_456);
    assertThat(verySlow).isEqualTo(Argon2Parameters.OWASP_MINIMUM);
  }

  @Test
  void passes_areCappedAndTheBudgetIsNeverExceeded() {
    Argon2Parameters p = Argon2Calibrator.using(linearHost(1)).calibrate(Duration.ofSeconds(10), 40_000);
    assertThat(p.memoryKiB()).isEqualTo(40_000);
    assertThat(p.iterations()).isEqualTo(16);
  }

  @Test
  void badArguments_areRejected() {
    Argon2Calibrator c = Argon2Calibrator.using(linearHost(1));
    assertThatThrownBy(() -> c.calibrate(Duration.ZERO, 65_536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.calibrate(Duration.ofMillis(100), 19_455)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void injectedTimer_drivesRealMeasurements() {
    // A timer that advances 1 ms per reading: every measurement is 1 ms, so the target of 5 ms
    // allows 5 passes at the full budget.
    AtomicLong now = new AtomicLong();
    Argon2Parameters p = Argon2Calibrator.timing(() -> now.addAndGet(1_000_000)).calibrate(Duration.ofMillis(5), 19_456);
    assertThat(p).isEqualTo(new Argon2Parameters(19_456, 5, 1));
  }

  @Test
  void systemCalibration_onThisHost_meetsTheFloorAndTheBudget() {
    Argon2Parameters p = PasswordHasher.calibrate(Duration.ofMillis(100), 19_456);
    assertThat(p.memoryKiB()).isEqualTo(19_456);
    assertThat(p.iterations()).isBetween(2, 16);
    System.out.println("[argon2-calibrate] 100 ms, 19 MiB budget on this host: " + p);
  }
}
