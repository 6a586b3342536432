package dev.bulwark.guard.serial;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.guard.Limits;
import java.io.ByteArrayInputStream;

/**
 * Fuzzes {@link SafeObjectInput} with the JDK value-type allowlist: arbitrary bytes either read or
 * raise {@link SerialRejectedException}, and no gadget's code ever runs.
 */
class SafeObjectInputFuzzTest {
  private static final SafeObjectInput INPUT = SafeObjectInput.of(
      SerialFilter.builder(Limits.defaults().withMaxNestingDepth(16).withMaxEntries(1_000).withMaxTotalObjects(1_000))
          .allowJdkValueTypes().build(),
      64 * 1024);

  @FuzzTest
  void read_throwsOnlySerialRejectedException(FuzzedDataProvider data) {
    byte[] input = data.consumeRemainingAsBytes();
    Gadgets.reset(); // in a shared test JVM, the gadget tests' control case raises the flag on purpose
    try {
      assertThat(INPUT.read(new ByteArrayInputStream(input), Object.class)).isNotNull();
    } catch (SerialRejectedException expected) {
      assertThat(expected.getMessage()).contains("serialized stream");
    }
    assertThat(Gadgets.READ_OBJECT_RAN).isFalse();
  }
}
