package dev.bulwark.auth.breached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A filter file is input: a truncated download must not screen nothing (fail open), a corrupted or
 * edited one must not load, and a forged header must not make the loader allocate gigabytes.
 */
class FilterFileTamperingTest {
  @TempDir Path dir;

  private static byte[] validFile() throws IOException {
    BreachedFilterBuilder b = BreachedFilterBuilder.forEntries(1000, 0.001);
    for (int i = 0; i < 1000; i++) {
      b.addSha1(BreachedFilterTest.key(i, 9));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    b.build().writeTo(out);
    return out.toByteArray();
  }

  private static String rejection(byte[] file, long max) {
    try {
      BreachedFilter.read(new ByteArrayInputStream(file), max);
    } catch (FilterFormatException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted a bad filter file");
  }

  /** Rewrites header fields and recomputes the checksum, so that only the field check can refuse. */
  private static byte[] withHeader(byte[] file, int offset, byte[] value) {
    byte[] copy = file.clone();
    System.arraycopy(value, 0, copy, offset, value.length);
    byte[] sum = dev.bulwark.crypto.hash.Digests.digest(
        dev.bulwark.crypto.hash.DigestAlgorithm.SHA256, Arrays.copyOf(copy, copy.length - 32));
    System.arraycopy(sum, 0, copy, copy.length - 32, 32);
    return copy;
  }

  @Test
  void truncatedAnywhere_isRejected() throws IOException {
    byte[] file = validFile();
    for (int cut : new int[] {0, 3, 31, 32, 33, file.length / 2, file.length - 33, file.length - 1}) {
      assertThat(rejection(Arrays.copyOf(file, cut), file.length)).as("cut at %d", cut).contains("truncated");
    }
  }

  @Test
  void trailingBytes_areRejected() throws IOException {
    byte[] file = validFile();
    assertThat(rejection(Arrays.copyOf(file, file.length + 1), file.length + 1)).contains("after the filter checksum");
  }

  @Test
  void anyFlippedBit_failsTheChecksum() throws IOException {
    byte[] file = validFile();
    for (int pos : new int[] {8, 20, 40, file.length / 2, file.length - 40, file.length - 1}) {
      byte[] bad = file.clone();
      bad[pos] ^= 0x10;
      assertThat(rejection(bad, file.length)).as("flip at %d", pos).containsAnyOf("checksum", "outside", "bit count");
    }
  }

  @Test
  void badMagicVersionKeyTypeOrHashCount_areRejectedEvenWithAValidChecksum() throws IOException {
    byte[] file = validFile();
    assertThat(rejection(withHeader(file, 0, "BWBG".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), file.length))
        .contains("bad magic");
    assertThat(rejection(withHeader(file, 4, new byte[] {0, 2}), file.length)).contains("version 2");
    assertThat(rejection(withHeader(file, 6, new byte[] {2}), file.length)).contains("key type 2");
    assertThat(rejection(withHeader(file, 7, new byte[] {0}), file.length)).contains("hash count 0");
    assertThat(rejection(withHeader(file, 7, new byte[] {33}), file.length)).contains("hash count 33");
  }

  @Test
  void bitCountOrEntriesOutOfBounds_areRejected() throws IOException {
    byte[] file = validFile();
    for (long bits : new long[] {0, 63, 65, -64, (1L << 37) + 64}) {
      byte[] bad = withHeader(file, 24, ByteBuffer.allocate(8).putLong(bits).array());
      assertThat(rejection(bad, Long.MAX_VALUE)).as("bits %d", bits).contains("bit count");
    }
    assertThat(rejection(withHeader(file, 16, ByteBuffer.allocate(8).putLong(-1).array()), file.length)).contains("entry count");
  }

  @Test
  void overfullFilter_isRefused_ratherThanRejectingEveryPassword() throws IOException {
    byte[] file = validFile();
    long bits = ByteBuffer.wrap(file, 24, 8).getLong();
    byte[] bad = withHeader(file, 16, ByteBuffer.allocate(8).putLong(bits).array());
    assertThat(rejection(bad, file.length)).contains("overfull");
  }

  /** A 20-byte header claiming 16 GiB must be refused by the size bound before any allocation. */
  @Test
  void hugeDeclaredSize_isRefusedBeforeAllocating() throws IOException {
    byte[] file = validFile();
    byte[] header = withHeader(file, 24, ByteBuffer.allocate(8).putLong(1L << 37).array());
    InputStream justTheHeader = new ByteArrayInputStream(Arrays.copyOf(header, 32));
    assertThatThrownBy(() -> BreachedFilter.read(justTheHeader, 1 << 20))
        .isInstanceOf(FilterFormatException.class)
        .hasMessageContaining("over the limit");
  }

  @Test
  void load_checksTheFileSizeAgainstTheLimitFirst() throws Exception {
    byte[] file = validFile();
    Path p = dir.resolve("f.bwbf");
    Files.write(p, file);
    assertThat(BreachedFilter.load(p, file.length).entries()).isEqualTo(1000);
    assertThatThrownBy(() -> BreachedFilter.load(p, file.length - 1))
        .isInstanceOf(FilterFormatException.class)
        .hasMessageContaining("over the limit");
    assertThatThrownBy(() -> BreachedFilter.load(dir.resolve("missing")))
        .isInstanceOf(FilterFormatException.class)
        .hasMessage("cannot read the filter file");
  }

  /** The fuzz seeds must be valid filters, so that fuzzing starts from the acceptance path. */
  @Test
  void fuzzSeeds_areValidFilters() throws Exception {
    String dir = "FilterFileFuzzTestInputs/read_throwsOnlyFilterFormatException/";
    for (String seed : new String[] {"seed-valid-1word-asis", "seed-valid-4words-fix"}) {
      try (InputStream in = getClass().getResourceAsStream(dir + seed)) {
        assertThat(in).as(seed).isNotNull();
        byte[] data = in.readAllBytes();
        // The last byte is the fuzz target's "fix the checksum" flag, not part of the file.
        BreachedFilter f = BreachedFilter.read(new ByteArrayInputStream(Arrays.copyOf(data, data.length - 1)), 1 << 20);
        assertThat(f.entries()).isPositive();
      }
    }
  }
}
