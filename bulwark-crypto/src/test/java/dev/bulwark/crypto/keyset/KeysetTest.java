package dev.bulwark.crypto.keyset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeysetTest {
  private static final byte[] AD = "ctx".getBytes(StandardCharsets.UTF_8);
  private static final byte[] MSG = "hello keyset".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(KeysetPreset.class)
  void generate_hasOneEnabledPrimaryOfThePreset(KeysetPreset preset) {
    Keyset keyset = Keyset.generate(preset);
    assertThat(keyset.keys()).singleElement().satisfies(k -> {
      assertThat(k.primary()).isTrue();
      assertThat(k.status()).isEqualTo(KeyStatus.ENABLED);
      assertThat(k.algorithm()).isEqualTo(preset.algorithm());
      assertThat(k.keyId()).isEqualTo(keyset.primaryKeyId());
    });
  }

  @Test
  void rotate_addsNewPrimaryAndKeepsOldDataReadable() throws CryptoException {
    Keyset v1 = Keyset.generate(KeysetPreset.AES256_GCM);
    byte[] old = v1.aead().encrypt(MSG, AD);
    Keyset v2 = v1.rotate(KeysetPreset.XCHACHA20_POLY1305);
    assertThat(v2.primaryKeyId()).isNotEqualTo(v1.primaryKeyId());
    assertThat(v2.keys()).hasSize(2);
    assertThat(v2.aead().decrypt(old, AD)).isEqualTo(MSG);
    byte[] fresh = v2.aead().encrypt(MSG, AD);
    assertThat(KeysetAeadTest.keyIdOf(fresh)).isEqualTo(v2.primaryKeyId());
    // The old keyset value is unchanged and cannot read data under the new key.
    assertThat(v1.keys()).hasSize(1);
    assertThatThrownBy(() -> v1.aead().decrypt(fresh, AD)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("no key");
  }

  @Test
  void disable_refusesItsCiphertextsUntilEnabledAgain() throws CryptoException {
    Keyset v1 = Keyset.generate(KeysetPreset.AES256_GCM);
    int oldId = v1.primaryKeyId();
    byte[] old = v1.aead().encrypt(MSG, AD);
    Keyset disabled = v1.rotate(KeysetPreset.AES256_GCM).disable(oldId);
    assertThatThrownBy(() -> disabled.aead().decrypt(old, AD)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("disabled");
    assertThat(disabled.enable(oldId).aead().decrypt(old, AD)).isEqualTo(MSG);
  }

  @Test
  void destroy_erasesMaterialKeepsIdAndFailsClearly() throws CryptoException {
    Keyset v1 = Keyset.generate(KeysetPreset.CHACHA20_POLY1305);
    int oldId = v1.primaryKeyId();
    byte[] old = v1.aead().encrypt(MSG, AD);
    Keyset destroyed = v1.rotate(KeysetPreset.AES256_GCM).destroy(oldId);
    assertThat(destroyed.keys()).anySatisfy(k -> {
      assertThat(k.keyId()).isEqualTo(oldId);
      assertThat(k.status()).isEqualTo(KeyStatus.DESTROYED);
    });
    assertThatThrownBy(() -> destroyed.aead().decrypt(old, AD)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("destroyed");
    // Destroy means the material is gone from earlier keyset values too.
    assertThatThrownBy(() -> v1.aead().decrypt(old, AD)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> destroyed.enable(oldId)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> destroyed.promote(oldId)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void primary_cannotBeDisabledOrDestroyed() {
    Keyset keyset = Keyset.generate(KeysetPreset.AES256_GCM);
    assertThatThrownBy(() -> keyset.disable(keyset.primaryKeyId()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("promote another");
    assertThatThrownBy(() -> keyset.destroy(keyset.primaryKeyId())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void promote_switchesWhichKeyEncrypts() throws CryptoException {
    Keyset v1 = Keyset.generate(KeysetPreset.AES256_GCM);
    int first = v1.primaryKeyId();
    Keyset back = v1.rotate(KeysetPreset.AES256_GCM).promote(first);
    assertThat(back.primaryKeyId()).isEqualTo(first);
    assertThat(KeysetAeadTest.keyIdOf(back.aead().encrypt(MSG, AD))).isEqualTo(first);
    Keyset withDisabled = back.rotate(KeysetPreset.AES256_GCM).disable(first);
    assertThatThrownBy(() -> withDisabled.promote(first)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unknownKeyId_isMisuse() {
    Keyset keyset = Keyset.generate(KeysetPreset.AES256_GCM);
    int other = keyset.primaryKeyId() + 1;
    assertThatThrownBy(() -> keyset.disable(other)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keyset.promote(other)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_listsIdsButNoMaterial() {
    Keyset keyset = Keyset.generate(KeysetPreset.AES256_GCM);
    assertThat(keyset.toString()).contains(Integer.toUnsignedString(keyset.primaryKeyId())).doesNotContain("material");
  }

  @Test
  void keyCount_isBounded() {
    Keyset keyset = Keyset.generate(KeysetPreset.XCHACHA20_POLY1305);
    for (int i = 1; i < Keyset.MAX_KEYS; i++) {
      keyset = keyset.rotate(KeysetPreset.XCHACHA20_POLY1305);
    }
    Keyset full = keyset;
    assertThat(full.keys()).hasSize(Keyset.MAX_KEYS);
    assertThatThrownBy(() -> full.rotate(KeysetPreset.XCHACHA20_POLY1305)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void preset_mapsEveryAlgorithm() {
    for (AeadAlgorithm algorithm : AeadAlgorithm.values()) {
      assertThat(KeysetPreset.of(algorithm).algorithm()).isEqualTo(algorithm);
    }
  }
}
