package dev.bulwark.auth.breached;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An offline breached-password screen: a Bloom filter over the SHA-1 of every password in a corpus
 * (Have I Been Pwned {@code SHA1:count} lines or a plain list), loaded from a file that {@code
 * bulwark password build-filter} or {@link BreachedFilterBuilder} wrote.
 *
 * {@snippet :
 * BreachedFilter filter = BreachedFilter.load(Path.of("pwned.bwbf"));
 * ScreenVerdict v = filter.screen(candidate); // FOUND or NOT_FOUND, never UNAVAILABLE
 * }
 *
 * <p>Guarantee: every password of the corpus is {@link ScreenVerdict#FOUND} (no false negatives). A
 * password not in the corpus is reported FOUND with probability {@link #expectedFalsePositiveRate()}
 * (0.1 % by default, {@link BreachedFilterBuilder#DEFAULT_FALSE_POSITIVE_RATE}), which only makes a
 * user choose another password. The file format (docs/password-policy.md) carries a magic, a
 * version, the parameters and a SHA-256 checksum; loading checks every field and the size bound
 * before it allocates, and rejects a truncated, extended or altered file with {@link
 * FilterFormatException}.
 *
 * <p>Immutable after construction and thread-safe.
 */
public final class BreachedFilter implements PasswordScreen {
  /** Default bound on a filter file read by {@link #load(Path)}: 4 GiB (over 2 billion entries). */
  public static final long DEFAULT_MAX_FILE_BYTES = 4L << 30;

  private final long[] words;
  private final int hashCount;
  private final long seed;
  private final long entries;

  BreachedFilter(long[] words, int hashCount, long seed, long entries) {
    this.words = words;
    this.hashCount = hashCount;
    this.seed = seed;
    this.entries = entries;
  }

  /**
   * Loads a filter file of at most {@link #DEFAULT_MAX_FILE_BYTES}.
   *
   * @throws FilterFormatException if the file is not a valid filter, is larger than the bound, or
   *     cannot be read
   */
  public static BreachedFilter load(Path file) throws FilterFormatException {
    return load(file, DEFAULT_MAX_FILE_BYTES);
  }

  /**
   * Loads a filter file of at most {@code maxFileBytes}; the size is checked before any allocation.
   *
   * @throws FilterFormatException if the file is not a valid filter, is larger than the bound, or
   *     cannot be read
   */
  public static BreachedFilter load(Path file, long maxFileBytes) throws FilterFormatException {
    Objects.requireNonNull(file, "file");
    try {
      long size = Files.size(file);
      if (size > maxFileBytes) {
        throw new FilterFormatException("filter file is " + size + " bytes, over the limit of " + maxFileBytes);
      }
      try (InputStream in = Files.newInputStream(file)) {
        return FilterFile.read(in, maxFileBytes);
      }
    } catch (IOException e) {
      throw new FilterFormatException("cannot read the filter file", e);
    }
  }

  /**
   * Reads a filter from a stream (read to its end, not closed). The stream must hold exactly one
   * filter and nothing after it.
   *
   * @param maxFileBytes bound on the declared size, checked before the bit array is allocated
   * @throws FilterFormatException if the bytes are not a valid filter or exceed the bound
   */
  public static BreachedFilter read(InputStream in, long maxFileBytes) throws FilterFormatException {
    Objects.requireNonNull(in, "in");
    if (maxFileBytes < FilterFile.OVERHEAD_BYTES) {
      throw new IllegalArgumentException("maxFileBytes must be at least " + FilterFile.OVERHEAD_BYTES);
    }
    return FilterFile.read(in, maxFileBytes);
  }

  /**
   * Writes this filter in the file format; the stream is flushed, not closed.
   *
   * @throws IOException if writing fails
   */
  public void writeTo(OutputStream out) throws IOException {
    FilterFile.write(this, Objects.requireNonNull(out, "out"));
  }

  @Override
  public ScreenVerdict screen(CharSequence password) {
    Objects.requireNonNull(password, "password");
    return containsSha1(Sha1Keys.sha1(password)) ? ScreenVerdict.FOUND : ScreenVerdict.NOT_FOUND;
  }

  /**
   * Looks up a password by its SHA-1 (20 bytes), as HIBP publishes it.
   *
   * @return FOUND if present or a false positive, NOT_FOUND if certainly absent
   * @throws IllegalArgumentException if {@code sha1} is not 20 bytes
   */
  public ScreenVerdict screenSha1(byte[] sha1) {
    return containsSha1(checkedKey(sha1)) ? ScreenVerdict.FOUND : ScreenVerdict.NOT_FOUND;
  }

  private boolean containsSha1(byte[] key) {
    long bits = bitCount();
    long h1 = BloomHashing.h1(key, seed);
    long h2 = BloomHashing.h2(key, seed);
    for (int i = 0; i < hashCount; i++) {
      long p = BloomHashing.position(h1, h2, i, bits);
      if ((words[(int) (p >>> 6)] & (1L << p)) == 0) {
        return false;
      }
    }
    return true;
  }

  static byte[] checkedKey(byte[] sha1) {
    Objects.requireNonNull(sha1, "sha1");
    if (sha1.length != Sha1Keys.SHA1_BYTES) {
      throw new IllegalArgumentException("a SHA-1 key is 20 bytes, got " + sha1.length);
    }
    return sha1;
  }

  /** Number of corpus entries the filter was built from. */
  public long entries() {
    return entries;
  }

  /** Size of the bit array. */
  public long bitCount() {
    return (long) words.length * Long.SIZE;
  }

  /** Number of bit positions per key (k). */
  public int hashCount() {
    return hashCount;
  }

  /**
   * The false-positive rate this filter has for its entry count: (1 - e^(-k n / m))^k, the standard
   * Bloom estimate, which the tests check against a measured rate.
   */
  public double expectedFalsePositiveRate() {
    return Math.pow(-Math.expm1(-(double) hashCount * entries / bitCount()), hashCount);
  }

  long seed() {
    return seed;
  }

  long[] words() {
    return words;
  }

  @Override
  public String toString() {
    return "BreachedFilter[entries=" + entries + ", bits=" + bitCount() + ", k=" + hashCount + "]";
  }
}
