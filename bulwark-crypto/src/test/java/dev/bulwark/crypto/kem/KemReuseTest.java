package dev.bulwark.crypto.kem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The keys keep the JDK's encapsulator and decapsulator after first use (for speed): these tests pin
 * that the kept objects never repeat a secret, never outlive {@code destroy()}, and are safe to share
 * between threads.
 */
class KemReuseTest {
  @Test
  void repeatedEncapsulations_neverRepeatSecretOrCiphertext() throws CryptoException {
    KemPrivateKey key = KemPrivateKey.generate(KemAlgorithm.ML_KEM_768);
    Set<String> secrets = new HashSet<>();
    Set<String> ciphertexts = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      KemEncapsulation e = key.publicKey().encapsulate();
      assertThat(key.decapsulate(e.ciphertext())).isEqualTo(e.sharedSecret());
      assertThat(secrets.add(java.util.HexFormat.of().formatHex(e.sharedSecret()))).isTrue();
      assertThat(ciphertexts.add(java.util.HexFormat.of().formatHex(e.ciphertext()))).isTrue();
    }
  }

  @Test
  void destroyAfterDecapsulating_refusesLaterDecapsulation() throws CryptoException {
    for (KemAlgorithm algorithm : KemAlgorithm.values()) {
      KemPrivateKey key = KemPrivateKey.generate(algorithm);
      byte[] ciphertext = key.publicKey().encapsulate().ciphertext();
      key.decapsulate(ciphertext); // the decapsulator is now kept
      key.destroy();
      assertThatThrownBy(() -> key.decapsulate(ciphertext))
          .as(algorithm.toString())
          .isInstanceOf(CryptoException.class)
          .hasMessageContaining("destroyed");
    }
  }

  @Test
  void tamperedCiphertext_afterValidOnes_yieldsAnotherSecret() throws CryptoException {
    KemPrivateKey key = KemPrivateKey.generate(KemAlgorithm.ML_KEM_768);
    KemEncapsulation e = key.publicKey().encapsulate();
    assertThat(key.decapsulate(e.ciphertext())).isEqualTo(e.sharedSecret());
    byte[] tampered = e.ciphertext();
    tampered[100] ^= 1;
    // FIPS 203 implicit rejection: a pseudorandom secret, not the real one, from the same kept object.
    assertThat(key.decapsulate(tampered)).isNotEqualTo(e.sharedSecret()).hasSize(32);
    assertThat(key.decapsulate(e.ciphertext())).isEqualTo(e.sharedSecret());
  }

  @Test
  void sharedKeysAcrossThreads_agreeOnEverySecret() throws Exception {
    for (KemAlgorithm algorithm : KemAlgorithm.values()) {
      KemPrivateKey key = KemPrivateKey.generate(algorithm);
      KemPublicKey publicKey = key.publicKey();
      try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          results.add(pool.submit(() -> {
            int agreed = 0;
            for (int i = 0; i < 40; i++) {
              KemEncapsulation e = publicKey.encapsulate();
              if (java.util.Arrays.equals(key.decapsulate(e.ciphertext()), e.sharedSecret())) {
                agreed++;
              }
            }
            return agreed;
          }));
        }
        for (Future<Integer> r : results) {
          assertThat(r.get()).as(algorithm.toString()).isEqualTo(40);
        }
      }
    }
  }
}
