package dev.bulwark.auth.password;

/**
 * Cost parameters of scrypt (RFC 7914): N = 2^{@code log2N}, block size r, parallelism p. Memory is
 * 128 × N × r bytes.
 *
 * @param log2N base-2 logarithm of the CPU/memory cost N, 1 to 30
 * @param blockSize r, 1 to 255
 * @param parallelism p, 1 to 255
 */
public record ScryptParameters(int log2N, int blockSize, int parallelism) {
  /** OWASP Password Storage Cheat Sheet: N = 2^17, r = 8, p = 1 (128 MiB). Bulwark's scrypt default. */
  public static final ScryptParameters OWASP = new ScryptParameters(17, 8, 1);

  /** @throws IllegalArgumentException if a parameter is outside the ranges above */
  public ScryptParameters {
    if (log2N < 1 || log2N > 30) {
      throw new IllegalArgumentException("scrypt log2(N) must be 1 to 30, got " + log2N);
    }
    if (blockSize < 1 || blockSize > 255) {
      throw new IllegalArgumentException("scrypt r must be 1 to 255, got " + blockSize);
    }
    if (parallelism < 1 || parallelism > 255) {
      throw new IllegalArgumentException("scrypt p must be 1 to 255, got " + parallelism);
    }
  }

  /** Memory one hash needs: 128 × N × r bytes. */
  public long memoryBytes() {
    return 128L * blockSize << log2N;
  }
}
