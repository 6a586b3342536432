package dev.bulwark.auth.password;

/**
 * Cost parameters of Argon2 (RFC 9106 §3.1).
 *
 * @param memoryKiB memory in KiB ({@code m}); at least 8 × parallelism
 * @param iterations passes over memory ({@code t}), at least 1
 * @param parallelism lanes ({@code p}), 1 to 255
 */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {
  /**
   * RFC 9106 §4 "second recommended option" (m = 64 MiB, t = 3, p = 4), also argon2-cffi's default:
   * Bulwark's default. About 0.2 s per hash on one core with Bouncy Castle.
   */
  public static final Argon2Parameters RFC_9106_LOW_MEMORY = new Argon2Parameters(65_536, 3, 4);

  /** OWASP Password Storage Cheat Sheet minimum (m = 19 MiB, t = 2, p = 1): the calibration floor. */
  public static final Argon2Parameters OWASP_MINIMUM = new Argon2Parameters(19_456, 2, 1);

  /** @throws IllegalArgumentException if a parameter is outside what Argon2 defines */
  public Argon2Parameters {
    if (parallelism < 1 || parallelism > 255) {
      throw new IllegalArgumentException("Argon2 parallelism must be 1 to 255, got " + parallelism);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("Argon2 iterations must be at least 1, got " + iterations);
    }
    if (memoryKiB < 8 * parallelism) {
      throw new IllegalArgumentException("Argon2 memory must be at least 8 KiB per lane, got " + memoryKiB);
    }
  }
}
