package dev.bulwark.crypto.aead.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.aead.BufferAead;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Virtual threads borrow pooled ciphers per key (JdkAeadEngine): many short-lived threads over a
 * few keys, interleaved, with failures in between, must never mix keys or messages.
 */
class VirtualThreadCiphersTest {
  @Test
  void manyVirtualThreads_overSeveralKeys_roundTrip_andNeverCrossKeys() throws Exception {
    for (AeadAlgorithm algorithm : List.of(AeadAlgorithm.AES256_GCM, AeadAlgorithm.CHACHA20_POLY1305)) {
      List<BufferAead> keys = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        keys.add(AeadKey.generate(algorithm).aead());
      }
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < 600; t++) {
          int task = t;
          tasks.add(pool.submit(() -> {
            BufferAead mine = keys.get(task % 3);
            BufferAead other = keys.get((task + 1) % 3);
            byte[] ad = ("task " + task).getBytes(StandardCharsets.UTF_8);
            byte[] message = ("message of task " + task).repeat(1 + task % 7).getBytes(StandardCharsets.UTF_8);
            byte[] sealed = mine.encrypt(message, ad);
            assertThat(mine.decrypt(sealed, ad)).isEqualTo(message);
            assertThatThrownBy(() -> other.decrypt(sealed, ad)).isInstanceOf(CryptoException.class);
            byte[] tampered = sealed.clone();
            tampered[tampered.length - 1] ^= 1;
            assertThatThrownBy(() -> mine.decrypt(tampered, ad)).isInstanceOf(CryptoException.class);
            // The cipher that just failed went back to the pool: the next use must still work.
            assertThat(mine.decrypt(mine.encrypt(message, ad), ad)).isEqualTo(message);
            return null;
          }));
        }
        for (Future<?> f : tasks) {
          f.get();
        }
      }
    }
  }

  @Test
  void destroyedKey_refusesOnVirtualThreads_evenWithPooledCiphers() throws Exception {
    AeadKey key = AeadKey.generate(AeadAlgorithm.AES256_GCM);
    BufferAead aead = key.aead();
    byte[] ad = new byte[0];
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      byte[] sealed = pool.submit(() -> aead.encrypt(new byte[16], ad)).get();
      key.destroy();
      Future<?> encrypt = pool.submit(() -> aead.encrypt(new byte[16], ad));
      Future<?> decrypt = pool.submit(() -> aead.decrypt(sealed, ad));
      assertThatThrownBy(encrypt::get).hasCauseInstanceOf(CryptoException.class);
      assertThatThrownBy(decrypt::get).hasCauseInstanceOf(CryptoException.class);
    }
  }
}
