package dev.bulwark.auth.password;

/**
 * The largest cost a stored hash may ask for. A stored hash is input: whoever can write one row of
 * the password table (or feed a hash to {@code bulwark password verify}) must not be able to make
 * verification allocate gigabytes or spin for hours. Every bound is checked on the parsed numbers
 * <em>before</em> anything is allocated or computed; a hash outside them is a {@link
 * dev.bulwark.crypto.CryptoException}.
 *
 * @param maxArgon2MemoryKiB largest Argon2 {@code m} (default 262 144 KiB = 256 MiB)
 * @param maxArgon2Iterations largest Argon2 {@code t} (default 16)
 * @param maxArgon2Parallelism largest Argon2 {@code p} (default 16)
 * @param maxBcryptCost largest bcrypt cost (default 18: 64 times cost 12, about 15 s on one core; 31 is bcrypt's own
 *     maximum and the one CVE-2022-22976 overflowed)
 * @param maxScryptMemoryBytes largest scrypt 128 × N × r (default 256 MiB)
 * @param maxScryptParallelism largest scrypt {@code p} (default 16)
 * @param maxPbkdf2Iterations largest PBKDF2 iteration count (default 10 000 000)
 */
public record VerificationLimits(
    int maxArgon2MemoryKiB,
    int maxArgon2Iterations,
    int maxArgon2Parallelism,
    int maxBcryptCost,
    long maxScryptMemoryBytes,
    int maxScryptParallelism,
    int maxPbkdf2Iterations) {
  /** Shortest salt accepted in a stored hash, in bytes (RFC 9106 §3.1 recommends 16; PHC allows 8). */
  public static final int MIN_SALT_BYTES = 8;

  /** Longest salt accepted in a stored hash, in bytes. */
  public static final int MAX_SALT_BYTES = 64;

  /** Shortest digest accepted in a stored hash, in bytes. */
  public static final int MIN_HASH_BYTES = 16;

  /** Longest digest accepted in a stored hash, in bytes. */
  public static final int MAX_HASH_BYTES = 64;

  /** Longest stored hash string accepted, in characters (checked before parsing). */
  public static final int MAX_STORED_LENGTH = 512;

  /** bcrypt's own cost range: 4 to 31. */
  public static final int BCRYPT_MIN_COST = 4;

  /** bcrypt's own maximum cost: 2^31 rounds. */
  public static final int BCRYPT_MAX_COST = 31;

  /** @throws IllegalArgumentException if a bound is not positive or bcrypt's is outside 4..31 */
  public VerificationLimits {
    if (maxArgon2MemoryKiB < 8
        || maxArgon2Iterations < 1
        || maxArgon2Parallelism < 1
        || maxArgon2Parallelism > 255
        || maxScryptMemoryBytes < 1024
        || maxScryptParallelism < 1
        || maxPbkdf2Iterations < 1) {
      throw new IllegalArgumentException("every verification limit must be positive");
    }
    if (maxBcryptCost < BCRYPT_MIN_COST || maxBcryptCost > BCRYPT_MAX_COST) {
      throw new IllegalArgumentException("maxBcryptCost must be 4 to 31, got " + maxBcryptCost);
    }
  }

  /** The defaults listed on each parameter. */
  public static VerificationLimits defaults() {
    return new VerificationLimits(262_144, 16, 16, 18, 256L << 20, 16, 10_000_000);
  }
}
