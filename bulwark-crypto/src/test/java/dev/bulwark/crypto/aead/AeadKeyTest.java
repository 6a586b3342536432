package dev.bulwark.crypto.aead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class AeadKeyTest {
  private static final byte[] PLAINTEXT = "the quick brown fox".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AD = "record 42".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void roundTrip_returnsPlaintextAndHasDocumentedLayout(AeadAlgorithm algorithm) throws CryptoException {
    Aead aead = AeadKey.generate(algorithm).aead();
    byte[] ct = aead.encrypt(PLAINTEXT, AD);
    assertThat(ct).hasSize(PLAINTEXT.length + algorithm.overheadBytes());
    assertThat(aead.decrypt(ct, AD)).isEqualTo(PLAINTEXT);
    assertThat(aead.decrypt(aead.encrypt(new byte[0], new byte[0]), new byte[0])).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void twoEncryptions_useDifferentNonces(AeadAlgorithm algorithm) throws CryptoException {
    Aead aead = AeadKey.generate(algorithm).aead();
    byte[] a = aead.encrypt(PLAINTEXT, AD);
    byte[] b = aead.encrypt(PLAINTEXT, AD);
    int n = algorithm.nonceSizeBytes();
    assertThat(Arrays.copyOf(a, n)).isNotEqualTo(Arrays.copyOf(b, n));
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void tamperedCiphertext_isRejected(AeadAlgorithm algorithm) throws CryptoException {
    Aead aead = AeadKey.generate(algorithm).aead();
    byte[] ct = aead.encrypt(PLAINTEXT, AD);
    for (int i = 0; i < ct.length; i++) {
      byte[] tampered = ct.clone();
      tampered[i] ^= (byte) 0x80;
      assertThatThrownBy(() -> aead.decrypt(tampered, AD)).isInstanceOf(CryptoException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void truncatedCiphertext_isRejectedAtEveryLength(AeadAlgorithm algorithm) throws CryptoException {
    Aead aead = AeadKey.generate(algorithm).aead();
    byte[] ct = aead.encrypt(PLAINTEXT, AD);
    for (int length = 0; length < ct.length; length++) {
      byte[] truncated = Arrays.copyOf(ct, length);
      assertThatThrownBy(() -> aead.decrypt(truncated, AD)).isInstanceOf(CryptoException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void wrongKeyOrWrongAssociatedData_isRejected(AeadAlgorithm algorithm) throws CryptoException {
    byte[] ct = AeadKey.generate(algorithm).aead().encrypt(PLAINTEXT, AD);
    assertThatThrownBy(() -> AeadKey.generate(algorithm).aead().decrypt(ct, AD))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("authentication failed");
    AeadKey key = AeadKey.generate(algorithm);
    byte[] ct2 = key.aead().encrypt(PLAINTEXT, AD);
    assertThatThrownBy(() -> key.aead().decrypt(ct2, "record 43".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> key.aead().decrypt(ct2, new byte[0])).isInstanceOf(CryptoException.class);
  }

  @Test
  void ciphertextOfOneAlgorithm_doesNotOpenUnderAnotherWithSameKeyBytes() throws CryptoException {
    byte[] raw = new byte[32];
    raw[0] = 7;
    byte[] ct = AeadKey.insecureFromBytes(AeadAlgorithm.AES256_GCM, raw).aead().encrypt(PLAINTEXT, AD);
    Aead chacha = AeadKey.insecureFromBytes(AeadAlgorithm.CHACHA20_POLY1305, raw).aead();
    assertThatThrownBy(() -> chacha.decrypt(ct, AD)).isInstanceOf(CryptoException.class);
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void destroyedKey_refusesEncryptDecryptAndExport(AeadAlgorithm algorithm) throws CryptoException {
    AeadKey key = AeadKey.generate(algorithm);
    Aead aead = key.aead();
    byte[] ct = aead.encrypt(PLAINTEXT, AD);
    key.destroy();
    assertThat(key.isDestroyed()).isTrue();
    assertThatThrownBy(() -> aead.encrypt(PLAINTEXT, AD)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> aead.decrypt(ct, AD)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(key::insecureExportBytes).isInstanceOf(IllegalStateException.class);
    assertThat(key.toString()).contains("destroyed");
  }

  @Test
  void exportThenImport_givesAWorkingEqualKey() throws CryptoException {
    AeadKey key = AeadKey.generate(AeadAlgorithm.XCHACHA20_POLY1305);
    byte[] ct = key.aead().encrypt(PLAINTEXT, AD);
    AeadKey copy = AeadKey.insecureFromBytes(AeadAlgorithm.XCHACHA20_POLY1305, key.insecureExportBytes());
    assertThat(copy.aead().decrypt(ct, AD)).isEqualTo(PLAINTEXT);
  }

  @Test
  void toString_neverShowsMaterial() {
    byte[] raw = HexFormat.of().parseHex("a1".repeat(32));
    AeadKey key = AeadKey.insecureFromBytes(AeadAlgorithm.AES256_GCM, raw);
    assertThat(key.toString()).doesNotContain("a1a1").doesNotContain("oaG").isEqualTo("AeadKey[AES256_GCM]");
  }

  @Test
  void wrongLengthImport_isMisuse() {
    assertThatThrownBy(() -> AeadKey.insecureFromBytes(AeadAlgorithm.AES256_GCM, new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aesGcmKey_carriesTheNistMessageLimit() {
    assertThat(AeadKey.generate(AeadAlgorithm.AES256_GCM).encryptionsRemaining()).isEqualTo(1L << 32);
    assertThat(AeadKey.generate(AeadAlgorithm.XCHACHA20_POLY1305).encryptionsRemaining()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void concurrentUse_fromManyThreads_roundTrips() throws Exception {
    Aead aead = AeadKey.generate(AeadAlgorithm.AES256_GCM).aead();
    Thread[] threads = new Thread[8];
    java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        try {
          for (int i = 0; i < 500; i++) {
            byte[] msg = ("message " + i).getBytes(StandardCharsets.UTF_8);
            if (!Arrays.equals(aead.decrypt(aead.encrypt(msg, AD), AD), msg)) {
              failures.incrementAndGet();
            }
          }
        } catch (CryptoException e) {
          failures.incrementAndGet();
        }
      });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(failures.get()).isZero();
  }
}
