package dev.bulwark.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SecretMaterialTest {
  @Test
  void copyOf_isIndependentOfTheCallersArray() {
    byte[] original = {1, 2, 3};
    SecretMaterial material = SecretMaterial.copyOf(original, "test key");
    original[0] = 9;
    assertThat(material.copy()).containsExactly(1, 2, 3);
  }

  @Test
  void destroy_zeroesAndRefusesFurtherReads() {
    byte[] fresh = {5, 6, 7};
    SecretMaterial material = SecretMaterial.adopt(fresh, "test key");
    material.destroy();
    assertThat(fresh).containsOnly(0);
    assertThat(material.isDestroyed()).isTrue();
    assertThatThrownBy(material::copy).isInstanceOf(IllegalStateException.class).hasMessage("this test key was destroyed");
    assertThatThrownBy(() -> material.keySpec("AES")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void toString_neverShowsBytes() {
    SecretMaterial material = SecretMaterial.random(32, new SecureRandom(), "MAC key");
    assertThat(material.toString()).isEqualTo("MAC key[redacted]");
    material.destroy();
    assertThat(material.toString()).isEqualTo("MAC key[redacted, destroyed]");
  }

  @Test
  void sameBytes_comparesContent_andNeverMatchesDestroyed() {
    SecretMaterial a = SecretMaterial.copyOf(new byte[] {1, 2}, "k");
    SecretMaterial b = SecretMaterial.copyOf(new byte[] {1, 2}, "k");
    SecretMaterial c = SecretMaterial.copyOf(new byte[] {1, 3}, "k");
    assertThat(a.sameBytes(b)).isTrue();
    assertThat(a.sameBytes(c)).isFalse();
    assertThat(a.sameBytes(null)).isFalse();
    b.destroy();
    assertThat(a.sameBytes(b)).isFalse();
  }
}
