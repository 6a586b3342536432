package dev.bulwark.auth.breached;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Objects;

/**
 * Builds a {@link BreachedFilter} sized for a known number of entries and a target false-positive
 * rate p: m = -n ln p / (ln 2)^2 bits (rounded up to 64) and k = round(m/n ln 2) positions per key,
 * the optimum for a Bloom filter; about 14.4 bits (1.8 bytes) per entry at the default p = 0.1 %.
 *
 * {@snippet :
 * BreachedFilter f = BreachedFilterBuilder.fromCorpus(Path.of("pwned-passwords-sha1.txt"),
 *     CorpusFormat.AUTO, BreachedFilterBuilder.DEFAULT_FALSE_POSITIVE_RATE);
 * }
 *
 * <p>Adding more entries than declared still works but raises the false-positive rate; files whose
 * rate would exceed 5 % are refused on load. Not thread-safe; single use ({@link #build()} hands the
 * bit array over).
 */
public final class BreachedFilterBuilder {
  /** Default target false-positive rate: 1 in 1000 unbreached passwords is refused. */
  public static final double DEFAULT_FALSE_POSITIVE_RATE = 0.001;

  /** Smallest accepted target rate (k would exceed 30). */
  public static final double MIN_FALSE_POSITIVE_RATE = 1e-9;

  /** Largest accepted target rate. */
  public static final double MAX_FALSE_POSITIVE_RATE = 0.01;

  private static final double LN2 = Math.log(2);

  /** Seeds of new filters; thread-safe. */
  private static final SecureRandom SEEDS = new SecureRandom();

  private final long[] words;
  private final long bitCount;
  private final int hashCount;
  private final long seed;
  private long added;
  private boolean built;

  private BreachedFilterBuilder(long bitCount, int hashCount, long seed) {
    this.bitCount = bitCount;
    this.hashCount = hashCount;
    this.seed = seed;
    this.words = new long[(int) (bitCount / Long.SIZE)];
  }

  /**
   * A builder for about {@code expectedEntries} entries at {@code falsePositiveRate}, with a random
   * seed.
   *
   * @throws IllegalArgumentException if the entry count is negative or the filter would exceed 2^37
   *     bits, or the rate is outside [{@value #MIN_FALSE_POSITIVE_RATE}, {@value
   *     #MAX_FALSE_POSITIVE_RATE}]
   */
  public static BreachedFilterBuilder forEntries(long expectedEntries, double falsePositiveRate) {
    return forEntries(expectedEntries, falsePositiveRate, SEEDS.nextLong());
  }

  static BreachedFilterBuilder forEntries(long expectedEntries, double falsePositiveRate, long seed) {
    if (expectedEntries < 0) {
      throw new IllegalArgumentException("expectedEntries must not be negative");
    }
    if (!(falsePositiveRate >= MIN_FALSE_POSITIVE_RATE && falsePositiveRate <= MAX_FALSE_POSITIVE_RATE)) {
      throw new IllegalArgumentException(
          "falsePositiveRate must be in [" + MIN_FALSE_POSITIVE_RATE + ", " + MAX_FALSE_POSITIVE_RATE + "]");
    }
    long n = Math.max(1, expectedEntries);
    double bits = Math.ceil(-n * Math.log(falsePositiveRate) / (LN2 * LN2));
    if (bits > FilterFile.MAX_BITS) {
      throw new IllegalArgumentException("a filter for " + expectedEntries + " entries at this rate exceeds 2^37 bits (16 GiB)");
    }
    long bitCount = Math.max(Long.SIZE, ((long) bits + Long.SIZE - 1) / Long.SIZE * Long.SIZE);
    int k = (int) Math.round((double) bitCount / n * LN2);
    return new BreachedFilterBuilder(bitCount, Math.clamp(k, 1, FilterFile.MAX_HASH_COUNT), seed);
  }

  /**
   * Reads a corpus file twice (once to count, once to add) and builds its filter.
   *
   * @throws FilterFormatException if a line does not parse (the message gives its number, never its
   *     content), is longer than 1024 characters, is not UTF-8, or the file cannot be read
   */
  public static BreachedFilter fromCorpus(Path corpus, CorpusFormat format, double falsePositiveRate)
      throws FilterFormatException {
    return Corpus.build(Objects.requireNonNull(corpus, "corpus"), Objects.requireNonNull(format, "format"),
        falsePositiveRate);
  }

  /**
   * Adds a password by its SHA-1 (20 bytes), as listed by Have I Been Pwned.
   *
   * @throws IllegalArgumentException if {@code sha1} is not 20 bytes
   * @throws IllegalStateException after {@link #build()}
   */
  public BreachedFilterBuilder addSha1(byte[] sha1) {
    if (built) {
      throw new IllegalStateException("this builder has already built its filter");
    }
    byte[] key = BreachedFilter.checkedKey(sha1);
    long h1 = BloomHashing.h1(key, seed);
    long h2 = BloomHashing.h2(key, seed);
    for (int i = 0; i < hashCount; i++) {
      long p = BloomHashing.position(h1, h2, i, bitCount);
      words[(int) (p >>> 6)] |= 1L << p;
    }
    added++;
    return this;
  }

  /**
   * Adds a password from a plain list: its UTF-8 SHA-1 as written and, when NFKC changes it, the
   * SHA-1 of its NFKC form too, because the policy screens the NFKC form it will hash.
   *
   * @throws IllegalStateException after {@link #build()}
   */
  public BreachedFilterBuilder addPassword(CharSequence password) {
    Objects.requireNonNull(password, "password");
    addSha1(Sha1Keys.sha1(password));
    String nfkc = Normalizer.normalize(password, Normalizer.Form.NFKC);
    if (!nfkc.contentEquals(password)) {
      addSha1(Sha1Keys.sha1(nfkc));
    }
    return this;
  }

  /** Number of keys added so far. */
  public long added() {
    return added;
  }

  /**
   * The filter; the builder cannot be used afterwards.
   *
   * @throws IllegalStateException if called twice
   */
  public BreachedFilter build() {
    if (built) {
      throw new IllegalStateException("this builder has already built its filter");
    }
    built = true;
    return new BreachedFilter(words, hashCount, seed, Math.min(added, bitCount));
  }
}
