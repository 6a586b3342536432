package dev.bulwark.server.accounts;

import dev.bulwark.guard.errors.PublicError;
import java.time.Duration;
import java.util.Objects;

/**
 * A minimum duration for credential endpoints (login, registration, forgot-password): the answer
 * leaves no sooner than {@link #floor()} after the work began, whether the work succeeded or threw.
 * Together with equal work (a dummy Argon2id verification for unknown users), it keeps response
 * time from telling whether an account exists.
 *
 * <p>What it does not do: hide work that takes longer than the floor. Set the floor above the
 * slowest path (a password hash under load); {@code docs/server-accounts.md} says how. Sleeping is
 * cheap on the server's virtual threads. Thread-safe.
 */
public final class ResponseFloor {
  /** Work that may fail with a {@link PublicError}. */
  @FunctionalInterface
  public interface Work<T> {
    /** Runs the work. */
    T run() throws PublicError;
  }

  /** The default floor: above one Argon2id hash with the RFC 9106 parameters on a busy two-core host. */
  public static final Duration DEFAULT = Duration.ofMillis(750);

  private final long floorNanos;

  private ResponseFloor(Duration floor) {
    this.floorNanos = floor.toNanos();
  }

  /**
   * A floor of {@code floor}; {@link Duration#ZERO} disables it.
   *
   * @throws IllegalArgumentException if negative or above 10 seconds
   */
  public static ResponseFloor of(Duration floor) {
    Objects.requireNonNull(floor, "floor");
    if (floor.isNegative() || floor.compareTo(Duration.ofSeconds(10)) > 0) {
      throw new IllegalArgumentException("a response floor is 0 to 10 seconds");
    }
    return new ResponseFloor(floor);
  }

  /** The floor. */
  public Duration floor() {
    return Duration.ofNanos(floorNanos);
  }

  /** Runs {@code work} and returns (or throws) no sooner than the floor after it began. */
  public <T> T run(Work<T> work) throws PublicError {
    long start = System.nanoTime();
    try {
      return work.run();
    } finally {
      waitOut(start);
    }
  }

  private void waitOut(long start) {
    long remaining = floorNanos - (System.nanoTime() - start);
    while (remaining > 0) {
      try {
        Thread.sleep(Duration.ofNanos(remaining));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      remaining = floorNanos - (System.nanoTime() - start);
    }
  }

  @Override
  public String toString() {
    return "ResponseFloor[" + floor() + "]";
  }
}
