package dev.bulwark.auth.breached;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.crypto.hash.DigestAlgorithm;
import dev.bulwark.crypto.hash.Digests;
import java.io.ByteArrayInputStream;
import java.util.Arrays;

/**
 * Fuzzes {@link BreachedFilter#read} with arbitrary bytes under a 1 MiB bound: the only documented
 * failure is {@link FilterFormatException}, and no input may allocate past the bound. One input byte
 * (the last: Jazzer takes primitives from the end) chooses whether to fix up the trailing SHA-256 first; without that the fuzzer could
 * almost never get past the checksum to the header checks and the bit-array reader. The seeds in
 * {@code FilterFileFuzzTestInputs} are valid filters (with both choices).
 */
class FilterFileFuzzTest {
  private static final int MAX_BYTES = 1 << 20;

  @FuzzTest
  void read_throwsOnlyFilterFormatException(FuzzedDataProvider data) {
    boolean fixChecksum = data.consumeBoolean();
    byte[] file = data.consumeRemainingAsBytes();
    if (fixChecksum && file.length >= FilterFile.OVERHEAD_BYTES) {
      byte[] sum = Digests.digest(DigestAlgorithm.SHA256, Arrays.copyOf(file, file.length - FilterFile.CHECKSUM_BYTES));
      System.arraycopy(sum, 0, file, file.length - FilterFile.CHECKSUM_BYTES, FilterFile.CHECKSUM_BYTES);
    }
    try {
      BreachedFilter f = BreachedFilter.read(new ByteArrayInputStream(file), MAX_BYTES);
      assertThat(f.bitCount()).isBetween(64L, (long) MAX_BYTES * 8);
      assertThat(file.length).isEqualTo(FilterFile.OVERHEAD_BYTES + f.bitCount() / 8);
      assertThat(f.expectedFalsePositiveRate()).isLessThanOrEqualTo(FilterFile.MAX_LOADED_FALSE_POSITIVE_RATE);
      assertThat(f.screen("password")).isNotNull();
    } catch (FilterFormatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
