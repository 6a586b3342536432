package dev.bulwark.auth.breached;

import dev.bulwark.crypto.ConstantTime;
import dev.bulwark.crypto.hash.DigestAlgorithm;
import dev.bulwark.crypto.hash.Digests;
import dev.bulwark.crypto.hash.Hasher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The filter file format, version 1 (all integers big-endian; docs/password-policy.md):
 *
 * <pre>
 * offset size
 *  0      4   magic "BWBF"
 *  4      2   version = 1
 *  6      1   key type = 1 (SHA-1 of the password's UTF-8 bytes)
 *  7      1   k, bit positions per key, 1..32
 *  8      8   seed
 * 16      8   entries n (informational, 0..bits)
 * 24      8   bits m, a multiple of 64, 64..2^37
 * 32    m/8   the bit array, as m/64 64-bit words
 * end    32   SHA-256 of every byte before it
 * </pre>
 *
 * The checksum catches truncation and corruption (an accidental bit flip could only add false
 * positives, but a truncated download would otherwise fail open). It is not a signature: whoever can
 * write the file chooses what it screens.
 */
final class FilterFile {
  static final int HEADER_BYTES = 32;
  static final int CHECKSUM_BYTES = 32;
  static final int OVERHEAD_BYTES = HEADER_BYTES + CHECKSUM_BYTES;
  static final int VERSION = 1;
  static final int KEY_SHA1 = 1;
  static final int MAX_HASH_COUNT = 32;
  /** 2^31 words of 64 bits (16 GiB): the largest long[] Java can allocate, rounded down. */
  static final long MAX_BITS = 1L << 37;
  /** A filter this full rejects nearly everything: refuse it rather than lock every user out. */
  static final double MAX_LOADED_FALSE_POSITIVE_RATE = 0.05;

  private static final byte[] MAGIC = "BWBF".getBytes(StandardCharsets.US_ASCII);
  private static final int CHUNK_BYTES = 64 * 1024;

  private FilterFile() {}

  static BreachedFilter read(InputStream in, long maxFileBytes) throws FilterFormatException {
    try {
      Hasher checksum = Digests.newHasher(DigestAlgorithm.SHA256);
      byte[] header = readExactly(in, HEADER_BYTES, "header");
      checksum.update(header);
      ByteBuffer h = ByteBuffer.wrap(header);
      byte[] magic = new byte[MAGIC.length];
      h.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new FilterFormatException("not a Bulwark breached-password filter (bad magic)");
      }
      int version = h.getShort() & 0xFFFF;
      if (version != VERSION) {
        throw new FilterFormatException("unsupported filter version " + version + " (this build reads " + VERSION + ")");
      }
      int keyType = h.get() & 0xFF;
      if (keyType != KEY_SHA1) {
        throw new FilterFormatException("unsupported filter key type " + keyType);
      }
      int hashCount = h.get() & 0xFF;
      if (hashCount < 1 || hashCount > MAX_HASH_COUNT) {
        throw new FilterFormatException("filter hash count " + hashCount + " is outside 1.." + MAX_HASH_COUNT);
      }
      long seed = h.getLong();
      long entries = h.getLong();
      long bits = h.getLong();
      if (bits < Long.SIZE || bits > MAX_BITS || bits % Long.SIZE != 0) {
        throw new FilterFormatException("filter bit count is not a multiple of 64 in 64..2^37");
      }
      if (entries < 0 || entries > bits) {
        throw new FilterFormatException("filter entry count is outside 0..bits");
      }
      long total = OVERHEAD_BYTES + bits / Byte.SIZE;
      if (total > maxFileBytes) {
        throw new FilterFormatException("filter declares " + total + " bytes, over the limit of " + maxFileBytes);
      }
      long[] words = readWords(in, (int) (bits / Long.SIZE), checksum);
      byte[] stored = readExactly(in, CHECKSUM_BYTES, "checksum");
      if (!ConstantTime.equals(checksum.digest(), stored)) {
        throw new FilterFormatException("filter checksum mismatch (corrupted or altered file)");
      }
      if (in.read() != -1) {
        throw new FilterFormatException("unexpected bytes after the filter checksum");
      }
      BreachedFilter filter = new BreachedFilter(words, hashCount, seed, entries);
      if (!(filter.expectedFalsePositiveRate() <= MAX_LOADED_FALSE_POSITIVE_RATE)) {
        throw new FilterFormatException("filter is overfull: its false-positive rate would exceed 5 %");
      }
      return filter;
    } catch (IOException e) {
      throw new FilterFormatException("cannot read the filter", e);
    }
  }

  private static long[] readWords(InputStream in, int wordCount, Hasher checksum)
      throws IOException, FilterFormatException {
    long[] words = new long[wordCount];
    byte[] chunk = new byte[CHUNK_BYTES];
    int filled = 0;
    while (filled < wordCount) {
      int bytes = (int) Math.min(CHUNK_BYTES, (long) (wordCount - filled) * Long.BYTES);
      if (in.readNBytes(chunk, 0, bytes) != bytes) {
        throw new FilterFormatException("filter is truncated in its bit array");
      }
      checksum.update(chunk, 0, bytes);
      ByteBuffer.wrap(chunk, 0, bytes).asLongBuffer().get(words, filled, bytes / Long.BYTES);
      filled += bytes / Long.BYTES;
    }
    return words;
  }

  private static byte[] readExactly(InputStream in, int n, String part) throws IOException, FilterFormatException {
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new FilterFormatException("filter is truncated in its " + part);
    }
    return b;
  }

  static void write(BreachedFilter filter, OutputStream out) throws IOException {
    Hasher checksum = Digests.newHasher(DigestAlgorithm.SHA256);
    ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
    h.put(MAGIC).putShort((short) VERSION).put((byte) KEY_SHA1).put((byte) filter.hashCount());
    h.putLong(filter.seed()).putLong(filter.entries()).putLong(filter.bitCount());
    byte[] header = h.array();
    checksum.update(header);
    out.write(header);
    long[] words = filter.words();
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);
    for (int i = 0; i < words.length; ) {
      chunk.clear();
      while (i < words.length && chunk.remaining() >= Long.BYTES) {
        chunk.putLong(words[i++]);
      }
      checksum.update(chunk.array(), 0, chunk.position());
      out.write(chunk.array(), 0, chunk.position());
    }
    out.write(checksum.digest());
    out.flush();
  }
}
