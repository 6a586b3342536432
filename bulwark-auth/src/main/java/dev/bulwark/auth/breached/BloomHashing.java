package dev.bulwark.auth.breached;

/**
 * The bit positions of one key: double hashing (Kirsch and Mitzenmacher, "Less Hashing, Same
 * Performance", 2006): position i is (h1 + i * h2) mod m, which keeps the false-positive rate of k
 * independent hash functions. h1 and h2 come from the first 16 bytes of the SHA-1 key, mixed with the
 * filter's random seed so that two filters built from the same corpus do not share their false
 * positives (a password that collides in one filter does not collide in the next build).
 */
final class BloomHashing {
  private BloomHashing() {}

  static long h1(byte[] key, long seed) {
    return mix(readLong(key, 0) ^ seed);
  }

  /** Odd, so that the k positions are distinct whenever m is a power of two; never 0 in any case. */
  static long h2(byte[] key, long seed) {
    return mix(readLong(key, 8) ^ Long.rotateLeft(seed, 32) ^ 0x9E3779B97F4A7C15L) | 1L;
  }

  static long position(long h1, long h2, int i, long bitCount) {
    return Long.remainderUnsigned(h1 + i * h2, bitCount);
  }

  /** The SplitMix64 finaliser (Steele, Lea and Flood, 2014): a bijection with full avalanche. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xFFL);
    }
    return v;
  }
}
