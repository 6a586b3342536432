package dev.bulwark.crypto.keyset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.streaming.StreamingAead;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Keyset#streamingAead()} as a user holds it: default 64 KiB segments, rotation, key states. */
class KeysetStreamingTest {
  private static final byte[] AD = "backup-2026-11-23.tar".getBytes(StandardCharsets.UTF_8);

  private static byte[] encrypt(StreamingAead streaming, byte[] plaintext) throws IOException, CryptoException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    streaming.encrypt(new ByteArrayInputStream(plaintext), out, AD);
    return out.toByteArray();
  }

  private static byte[] decrypt(StreamingAead streaming, byte[] ciphertext) throws IOException, CryptoException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    streaming.decrypt(new ByteArrayInputStream(ciphertext), out, AD);
    return out.toByteArray();
  }

  @Test
  void severalMegabytes_roundTripWithDefaultSegments() throws Exception {
    byte[] plaintext = new byte[5 * 1024 * 1024 + 17];
    new Random(1).nextBytes(plaintext);
    Keyset keyset = Keyset.generate(KeysetPreset.AES256_GCM);
    byte[] ciphertext = encrypt(keyset.streamingAead(), plaintext);
    int segments = (plaintext.length + 65535) / 65536;
    assertThat(ciphertext).hasSize(48 + plaintext.length + 16 * segments);
    byte[] back = decrypt(keyset.streamingAead(), ciphertext);
    assertThat(MessageDigest.isEqual(back, plaintext)).isTrue();
  }

  @Test
  void headerCarriesThePrimaryKeyId_andRotationKeepsOldStreamsReadable() throws Exception {
    Keyset v1 = Keyset.generate(KeysetPreset.CHACHA20_POLY1305);
    byte[] old = encrypt(v1.streamingAead(), "old backup".getBytes(StandardCharsets.UTF_8));
    assertThat(KeysetAeadTest.keyIdOf(old)).isEqualTo(v1.primaryKeyId());
    Keyset v2 = v1.rotate(KeysetPreset.XCHACHA20_POLY1305);
    byte[] fresh = encrypt(v2.streamingAead(), "new backup".getBytes(StandardCharsets.UTF_8));
    assertThat(KeysetAeadTest.keyIdOf(fresh)).isEqualTo(v2.primaryKeyId());
    assertThat(decrypt(v2.streamingAead(), old)).asString(StandardCharsets.UTF_8).isEqualTo("old backup");
    assertThat(decrypt(v2.streamingAead(), fresh)).asString(StandardCharsets.UTF_8).isEqualTo("new backup");
  }

  @Test
  void disabledDestroyedOrUnknownKey_isRefused() throws Exception {
    Keyset v1 = Keyset.generate(KeysetPreset.AES256_GCM);
    int oldId = v1.primaryKeyId();
    byte[] old = encrypt(v1.streamingAead(), new byte[100]);
    Keyset v2 = v1.rotate(KeysetPreset.AES256_GCM);
    assertThatThrownBy(() -> decrypt(v2.disable(oldId).streamingAead(), old)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("disabled");
    assertThatThrownBy(() -> decrypt(Keyset.generate(KeysetPreset.AES256_GCM).streamingAead(), old))
        .isInstanceOf(CryptoException.class).hasMessageContaining("no key");
    Keyset destroyed = v2.destroy(oldId);
    assertThatThrownBy(() -> decrypt(destroyed.streamingAead(), old)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("destroyed");
  }
}
