package dev.bulwark.auth.password;

import dev.bulwark.auth.password.internal.Kdfs;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Picks Argon2id parameters for the host it runs on: as much memory as the budget allows, then as
 * many passes as fit in the target duration (RFC 9106 §4: fix memory first, then time).
 *
 * <p>Procedure: start at the whole memory budget with one pass; halve memory while one pass is
 * slower than the target (not below 19 MiB); then take the largest pass count that fits, at least
 * enough that memory × passes reaches the OWASP minimum's (19 MiB × 2). The result never falls below
 * {@link Argon2Parameters#OWASP_MINIMUM}: a host too slow for it within the target gets the minimum
 * anyway, and a longer login. Parallelism is 1: Bouncy Castle runs lanes one after another (more
 * lanes would cost time here without costing an attacker's GPU any more), and one lane with a
 * 16-byte salt is the case libsodium's SIMD code computes when the native engine is in use
 * ({@link PasswordHasher#argon2Implementation()}). Measure with the engine production will use:
 * the same JVM flags ({@code --enable-native-access}) on the same kind of host.
 *
 * {@snippet :
 * Argon2Parameters p = Argon2Calibrator.system().calibrate(Duration.ofMillis(250), 65_536);
 * }
 *
 * <p>The measurement is injectable ({@link #using(Probe)}, {@link #timing(LongSupplier)}) so that
 * tests are deterministic. Thread-safe if the probe is.
 */
public final class Argon2Calibrator {
  /** Measures how long one Argon2id hash with the given parameters takes. */
  @FunctionalInterface
  public interface Probe {
    /** The duration of one hash with {@code parameters}. */
    Duration measure(Argon2Parameters parameters);
  }

  private static final int MAX_PASSES = 16;

  private final Probe probe;

  private Argon2Calibrator(Probe probe) {
    this.probe = probe;
  }

  /** Times real hashes with {@link System#nanoTime()}. */
  public static Argon2Calibrator system() {
    return timing(System::nanoTime);
  }

  /**
   * Times real hashes with {@code nanoTime} (each measurement is the faster of two runs, after one
   * warm-up run).
   */
  public static Argon2Calibrator timing(LongSupplier nanoTime) {
    Objects.requireNonNull(nanoTime, "nanoTime");
    return new Argon2Calibrator(
        parameters -> {
          byte[] password = new byte[16];
          byte[] salt = new byte[16];
          long best = Long.MAX_VALUE;
          for (int run = 0; run < 3; run++) {
            long start = nanoTime.getAsLong();
            Kdfs.argon2(Kdfs.ARGON2ID, password, salt, parameters.memoryKiB(), parameters.iterations(),
                parameters.parallelism(), 32);
            long elapsed = nanoTime.getAsLong() - start;
            if (run > 0) {
              best = Math.min(best, elapsed);
            }
          }
          return Duration.ofNanos(Math.max(0, best));
        });
  }

  /** Uses {@code probe} for every measurement. */
  public static Argon2Calibrator using(Probe probe) {
    return new Argon2Calibrator(Objects.requireNonNull(probe, "probe"));
  }

  /**
   * @param target the longest one hash should take, e.g. 250 ms for an interactive login
   * @param memoryBudgetKiB the most memory one hash may use, at least 19 456 KiB (19 MiB)
   * @return parameters with parallelism 1
   * @throws IllegalArgumentException if the target is not positive or the budget below 19 MiB
   */
  public Argon2Parameters calibrate(Duration target, int memoryBudgetKiB) {
    Objects.requireNonNull(target, "target");
    if (target.isNegative() || target.isZero()) {
      throw new IllegalArgumentException("target duration must be positive");
    }
    int floor = Argon2Parameters.OWASP_MINIMUM.memoryKiB();
    if (memoryBudgetKiB < floor) {
      throw new IllegalArgumentException("memory budget must be at least " + floor + " KiB (OWASP minimum)");
    }
    long floorWork = (long) floor * Argon2Parameters.OWASP_MINIMUM.iterations();
    int memory = memoryBudgetKiB;
    Duration onePass = probe.measure(new Argon2Parameters(memory, 1, 1));
    while (onePass.compareTo(target) > 0 && memory / 2 >= floor) {
      memory /= 2;
      onePass = probe.measure(new Argon2Parameters(memory, 1, 1));
    }
    int minPasses = (int) Math.max(1, (floorWork + memory - 1) / memory);
    long perPass = Math.max(1, onePass.toNanos());
    int passes = Math.clamp(target.toNanos() / perPass, minPasses, MAX_PASSES);
    // Passes do not cost exactly the same (the first fills memory): check and step down.
    while (passes > minPasses && probe.measure(new Argon2Parameters(memory, passes, 1)).compareTo(target) > 0) {
      passes--;
    }
    return new Argon2Parameters(memory, Math.max(passes, minPasses), 1);
  }
}
