package dev.bulwark.crypto.keyset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeysetAeadTest {
  private static final byte[] AD = "ctx".getBytes(StandardCharsets.UTF_8);
  private static final byte[] MSG = "payload".getBytes(StandardCharsets.UTF_8);

  static int keyIdOf(byte[] ciphertext) {
    return ((ciphertext[1] & 0xff) << 24) | ((ciphertext[2] & 0xff) << 16) | ((ciphertext[3] & 0xff) << 8)
        | (ciphertext[4] & 0xff);
  }

  @ParameterizedTest
  @EnumSource(KeysetPreset.class)
  void ciphertext_hasTheDesignFormat(KeysetPreset preset) throws CryptoException {
    Keyset keyset = Keyset.generate(preset);
    byte[] ct = keyset.aead().encrypt(MSG, AD);
    assertThat(ct[0]).isEqualTo((byte) 0x01);
    assertThat(keyIdOf(ct)).isEqualTo(keyset.primaryKeyId());
    assertThat(ct).hasSize(5 + preset.algorithm().nonceSizeBytes() + MSG.length + 16);
    assertThat(keyset.aead().decrypt(ct, AD)).isEqualTo(MSG);
  }

  @Test
  void truncatedHeader_isRejectedAtEveryLength() throws CryptoException {
    Keyset keyset = Keyset.generate(KeysetPreset.AES256_GCM);
    byte[] ct = keyset.aead().encrypt(MSG, AD);
    for (int length = 0; length < 5; length++) {
      byte[] truncated = Arrays.copyOf(ct, length);
      assertThatThrownBy(() -> keyset.aead().decrypt(truncated, AD)).isInstanceOf(CryptoException.class)
          .hasMessageContaining("header");
    }
    for (int length = 5; length < ct.length; length++) {
      byte[] truncated = Arrays.copyOf(ct, length);
      assertThatThrownBy(() -> keyset.aead().decrypt(truncated, AD)).isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void unknownVersionByte_isRejected() throws CryptoException {
    Keyset keyset = Keyset.generate(KeysetPreset.AES256_GCM);
    byte[] ct = keyset.aead().encrypt(MSG, AD);
    for (int version : new int[] {0x00, 0x02, 0x80, 0xff}) {
      byte[] changed = ct.clone();
      changed[0] = (byte) version;
      assertThatThrownBy(() -> keyset.aead().decrypt(changed, AD)).isInstanceOf(CryptoException.class)
          .hasMessageContaining("version");
    }
  }

  @Test
  void unknownKeyId_isRejected() throws CryptoException {
    Keyset keyset = Keyset.generate(KeysetPreset.AES256_GCM);
    byte[] ct = keyset.aead().encrypt(MSG, AD);
    ct[4] ^= 1;
    assertThatThrownBy(() -> keyset.aead().decrypt(ct, AD)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("no key");
  }

  @Test
  void keyIdPointingAtAnotherKeyOfTheKeyset_failsAuthentication() throws CryptoException {
    Keyset keyset = Keyset.generate(KeysetPreset.AES256_GCM).rotate(KeysetPreset.AES256_GCM);
    int other = keyset.keys().get(0).keyId();
    byte[] ct = keyset.aead().encrypt(MSG, AD);
    ct[1] = (byte) (other >>> 24);
    ct[2] = (byte) (other >>> 16);
    ct[3] = (byte) (other >>> 8);
    ct[4] = (byte) other;
    assertThatThrownBy(() -> keyset.aead().decrypt(ct, AD)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("authentication");
  }

  @Test
  void tamperedBodyOrWrongAssociatedData_isRejected() throws CryptoException {
    Keyset keyset = Keyset.generate(KeysetPreset.XCHACHA20_POLY1305);
    byte[] ct = keyset.aead().encrypt(MSG, AD);
    for (int i = 5; i < ct.length; i++) {
      byte[] tampered = ct.clone();
      tampered[i] ^= 0x01;
      assertThatThrownBy(() -> keyset.aead().decrypt(tampered, AD)).isInstanceOf(CryptoException.class);
    }
    assertThatThrownBy(() -> keyset.aead().decrypt(ct, new byte[0])).isInstanceOf(CryptoException.class);
  }

  @Test
  void ciphertextOfAnotherKeyset_isRejected() throws CryptoException {
    byte[] ct = Keyset.generate(KeysetPreset.AES256_GCM).aead().encrypt(MSG, AD);
    Keyset other = Keyset.generate(KeysetPreset.AES256_GCM);
    assertThatThrownBy(() -> other.aead().decrypt(ct, AD)).isInstanceOf(CryptoException.class);
  }

  @Test
  void primaryMessageBudget_isVisibleAndCountsDown() throws CryptoException {
    KeysetAead aead = Keyset.generate(KeysetPreset.AES256_GCM).aead();
    long before = aead.primaryEncryptionsRemaining();
    assertThat(before).isEqualTo(1L << 32);
    aead.encrypt(MSG, AD);
    assertThat(aead.primaryEncryptionsRemaining()).isEqualTo(before - 1);
  }
}
