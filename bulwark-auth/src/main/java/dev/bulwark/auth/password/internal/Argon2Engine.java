package dev.bulwark.auth.password.internal;

/**
 * One implementation of Argon2: Bouncy Castle's (pure Java, lanes one after another), the
 * reference C library libargon2 (threaded lanes) or libsodium's (SIMD, one lane only), the last two
 * bound through the Java FFM API. Which one runs is chosen once by {@link Argon2Engines}; every one
 * must give the same tag for the same {@link Argon2Job}.
 *
 * <p>Implementations are thread-safe. Package-private and open only so that tests can offer the
 * self-test a deliberately wrong engine.
 */
interface Argon2Engine {
  /** Whether this engine can compute {@code job} (a native library has narrower input ranges). */
  boolean supports(Argon2Job job);

  /**
   * The tag, a fresh array of {@code job.outLen()} bytes.
   *
   * @throws IllegalArgumentException if {@link #supports} is false for {@code job}
   * @throws IllegalStateException if a native library reports an error (out of memory)
   */
  byte[] hash(Argon2Job job);

  /** What runs, for operators: "Bouncy Castle", "libargon2 (libargon2.so.1)". */
  String description();
}
