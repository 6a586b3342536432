package dev.bulwark.crypto.aead.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonceSourceTest {

  @Test
  void nonces_neverRepeatAcrossManyBlockRefills() {
    // 200,000 nonces cross about 586 block refills of one stripe.
    Set<String> seen = new HashSet<>();
    byte[] nonce = new byte[12];
    for (int i = 0; i < 200_000; i++) {
      NonceSource.fill(nonce, 0, 12);
      assertThat(seen.add(HexFormat.of().formatHex(nonce))).as("nonce %d repeated", i).isTrue();
    }
  }

  @Test
  void nonces_neverRepeatAcrossConcurrentVirtualThreads() throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      assertNoRepeats(pool, 64, 2_000, task -> 24);
    }
  }

  @Test
  void nonces_neverRepeatAcrossConcurrentPlatformThreads_sharingStripes() throws Exception {
    // Mixed lengths leave uneven tails before each block refill.
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      assertNoRepeats(pool, 16, 5_000, task -> task % 2 == 0 ? 12 : 24);
    }
  }

  /** Runs {@code tasks} tasks drawing {@code perTask} nonces each and checks that none repeats. */
  private static void assertNoRepeats(
      ExecutorService pool, int tasks, int perTask, java.util.function.IntUnaryOperator lengthOfTask)
      throws Exception {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      int length = lengthOfTask.applyAsInt(t);
      results.add(
          pool.submit(
              () -> {
                int duplicates = 0;
                byte[] nonce = new byte[length];
                for (int i = 0; i < perTask; i++) {
                  NonceSource.fill(nonce, 0, length);
                  if (!seen.add(HexFormat.of().formatHex(nonce))) {
                    duplicates++;
                  }
                }
                return duplicates;
              }));
    }
    for (Future<Integer> result : results) {
      assertThat(result.get()).isZero();
    }
    assertThat(seen).hasSize(tasks * perTask);
  }

  @Test
  void maximalRequest_afterPartialUse_isServedWhole() {
    byte[] small = new byte[12];
    NonceSource.fill(small, 0, 12); // the block now has fewer than BLOCK_BYTES left
    byte[] whole = new byte[NonceSource.BLOCK_BYTES];
    NonceSource.fill(whole, 0, whole.length);
    // Fresh DRBG output has no all-zero 16-byte run in practice; a short copy would leave one.
    for (int i = 0; i + 16 <= whole.length; i += 16) {
      assertThat(java.util.Arrays.copyOfRange(whole, i, i + 16)).isNotEqualTo(new byte[16]);
    }
  }

  @Test
  void fill_writesOnlyTheRequestedRange() {
    byte[] buffer = new byte[40];
    NonceSource.fill(buffer, 10, 12);
    assertThat(buffer).startsWith(new byte[10]);
    for (int i = 22; i < 40; i++) {
      assertThat(buffer[i]).isZero();
    }
    byte[] middle = java.util.Arrays.copyOfRange(buffer, 10, 22);
    assertThat(middle).isNotEqualTo(new byte[12]);
  }

  @Test
  void fill_rejectsRangesOutsideTheArrayAndOversizedRequests() {
    assertThatThrownBy(() -> NonceSource.fill(new byte[12], 4, 12))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> NonceSource.fill(new byte[8192], 0, NonceSource.BLOCK_BYTES + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
