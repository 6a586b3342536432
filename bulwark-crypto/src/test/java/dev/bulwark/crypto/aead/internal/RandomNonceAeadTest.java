package dev.bulwark.crypto.aead.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomNonceAeadTest {
  private final AeadEngine engine = AeadEngine.create(AeadAlgorithm.AES256_GCM, new byte[32]);

  @Test
  void messageLimitReached_refusesInsteadOfRiskingNonceReuse() throws CryptoException {
    MessageBudget budget = new MessageBudget(3);
    RandomNonceAead aead = new RandomNonceAead(engine, budget, new SecureRandom());
    for (int i = 0; i < 3; i++) {
      aead.encrypt(new byte[1], new byte[0]);
    }
    assertThat(budget.remaining()).isZero();
    assertThatThrownBy(() -> aead.encrypt(new byte[1], new byte[0]))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("rotate");
  }

  @Test
  void bufferApi_countsAgainstTheSameLimit_andWritesNothingOnceRefused() throws CryptoException {
    MessageBudget budget = new MessageBudget(2);
    RandomNonceAead aead = new RandomNonceAead(engine, budget, new SecureRandom());
    byte[] out = new byte[aead.ciphertextLength(1)];
    aead.encrypt(new byte[1], new byte[0], out, 0);
    aead.encrypt(new byte[1], new byte[0]);
    Arrays.fill(out, (byte) 7);
    assertThatThrownBy(() -> aead.encrypt(new byte[1], new byte[0], out, 0))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("rotate");
    for (byte b : out) {
      assertThat(b).isEqualTo((byte) 7);
    }
  }

  @Test
  void budgetUnderContention_letsExactlyTheLimitThrough() throws Exception {
    MessageBudget budget = new MessageBudget(1_000);
    java.util.concurrent.atomic.AtomicInteger passed = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      for (int t = 0; t < 8; t++) {
        pool.submit(() -> {
          for (int i = 0; i < 400; i++) {
            try {
              budget.consume();
              passed.incrementAndGet();
            } catch (CryptoException e) {
              refused.incrementAndGet();
            }
          }
        });
      }
    }
    assertThat(passed.get()).isEqualTo(1_000);
    assertThat(refused.get()).isEqualTo(8 * 400 - 1_000);
    assertThat(budget.remaining()).isZero();
  }

  @Test
  void budgetIsSharedBetweenAeadsOfOneKey() throws CryptoException {
    MessageBudget budget = new MessageBudget(2);
    new RandomNonceAead(engine, budget, new SecureRandom()).encrypt(new byte[0], new byte[0]);
    new RandomNonceAead(engine, budget, new SecureRandom()).encrypt(new byte[0], new byte[0]);
    RandomNonceAead third = new RandomNonceAead(engine, budget, new SecureRandom());
    assertThatThrownBy(() -> third.encrypt(new byte[0], new byte[0])).isInstanceOf(CryptoException.class);
  }

  @Test
  void decryptionDoesNotConsumeTheBudget() throws CryptoException {
    MessageBudget budget = new MessageBudget(1);
    RandomNonceAead aead = new RandomNonceAead(engine, budget, new SecureRandom());
    byte[] ct = aead.encrypt(new byte[5], new byte[0]);
    for (int i = 0; i < 5; i++) {
      assertThat(aead.decrypt(ct, new byte[0])).hasSize(5);
    }
  }

  @Test
  void prefix_isWrittenInFrontAndSkippedOnDecrypt() throws CryptoException {
    RandomNonceAead aead = new RandomNonceAead(engine, new MessageBudget(10), new SecureRandom());
    byte[] out = aead.encryptWithPrefix(new byte[] {9, 8, 7}, new byte[] {1, 2}, new byte[0]);
    assertThat(Arrays.copyOf(out, 3)).containsExactly(9, 8, 7);
    assertThat(out).hasSize(3 + 12 + 2 + 16);
    assertThat(aead.decryptAt(out, 3, new byte[0])).containsExactly(1, 2);
  }

  @Test
  void negativeBudget_isMisuse() {
    assertThatThrownBy(() -> new MessageBudget(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
