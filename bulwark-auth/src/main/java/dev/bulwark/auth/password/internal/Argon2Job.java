package dev.bulwark.auth.password.internal;

/**
 * One Argon2 (version 0x13, RFC 9106) computation: the inputs an {@link Argon2Engine} receives.
 * Callers have checked the costs against {@link dev.bulwark.auth.password.VerificationLimits}; the
 * engines check again only what their own types need (a native engine's C integer widths).
 *
 * <p>The arrays are the caller's and are not copied: the caller wipes them after the call. Not
 * thread-safe while the caller mutates them.
 *
 * @param type {@link Kdfs#ARGON2D}, {@link Kdfs#ARGON2I} or {@link Kdfs#ARGON2ID}
 * @param password P
 * @param salt S
 * @param secret K, or {@code null}
 * @param associatedData X, or {@code null}
 * @param memoryKiB m
 * @param iterations t
 * @param lanes p
 * @param outLen T, the tag length in bytes
 */
record Argon2Job(
    int type,
    byte[] password,
    byte[] salt,
    byte[] secret,
    byte[] associatedData,
    int memoryKiB,
    int iterations,
    int lanes,
    int outLen) {
  /** @throws IllegalArgumentException on an unknown type or a non-positive length or cost */
  Argon2Job {
    if (type != Kdfs.ARGON2D && type != Kdfs.ARGON2I && type != Kdfs.ARGON2ID) {
      throw new IllegalArgumentException("unknown Argon2 type " + type);
    }
    if (password == null || salt == null) {
      throw new IllegalArgumentException("password and salt are required");
    }
    if (memoryKiB < 1 || iterations < 1 || lanes < 1 || outLen < 1) {
      throw new IllegalArgumentException("Argon2 costs and tag length must be positive");
    }
  }

  /** Length of K, 0 when absent. */
  int secretLength() {
    return secret == null ? 0 : secret.length;
  }

  /** Length of X, 0 when absent. */
  int associatedDataLength() {
    return associatedData == null ? 0 : associatedData.length;
  }
}
