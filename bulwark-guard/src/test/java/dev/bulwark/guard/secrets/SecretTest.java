package dev.bulwark.guard.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretTest {
  private static final String VALUE = "correct-" + "horse-battery";

  @Test
  void toString_neverShowsTheValue() {
    Secret secret = Secret.of(VALUE);
    assertThat(secret.toString()).isEqualTo("Secret[redacted]").doesNotContain(VALUE);
    assertThat(String.valueOf(secret)).doesNotContain("horse");
    assertThat("loaded " + secret).doesNotContain("horse");
    secret.destroy();
    assertThat(secret).hasToString("Secret[destroyed]");
  }

  @Test
  void insecureAccessors_returnTheValueAndCopies() {
    Secret secret = Secret.of(VALUE);
    assertThat(secret.insecureValue()).isEqualTo(VALUE);
    byte[] copy = secret.insecureBytes();
    Arrays.fill(copy, (byte) 0);
    assertThat(secret.insecureBytes()).isEqualTo(VALUE.getBytes(StandardCharsets.UTF_8));
    assertThat(secret.lengthBytes()).isEqualTo(VALUE.length());
  }

  @Test
  void ofBytes_copiesTheCallersArray() {
    byte[] raw = {1, 2, 3};
    Secret secret = Secret.ofBytes(raw);
    raw[0] = 9;
    assertThat(secret.insecureBytes()).containsExactly(1, 2, 3);
  }

  @Test
  void equals_comparesValues_andHashCodeDoesNotDependOnThem() {
    Secret a = Secret.of(VALUE);
    Secret b = Secret.of(VALUE);
    Secret c = Secret.of(VALUE + "x");
    assertThat(a).isEqualTo(b).isNotEqualTo(c).isNotEqualTo(VALUE);
    assertThat(a.hashCode()).isEqualTo(c.hashCode()).isEqualTo(Secret.of("other").hashCode());
  }

  @Test
  void destroy_zeroesAndBlocksEveryAccessor() {
    Secret secret = Secret.of(VALUE);
    Secret same = Secret.of(VALUE);
    secret.destroy();
    assertThat(secret.isDestroyed()).isTrue();
    assertThatThrownBy(secret::insecureValue).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(secret::insecureBytes).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(secret::lengthBytes).isInstanceOf(IllegalStateException.class);
    assertThat(secret).isNotEqualTo(same);
    assertThat(same).isNotEqualTo(secret);
    secret.destroy(); // idempotent
  }

  @Test
  void binarySecret_refusesTextAccessButGivesBytes() {
    Secret secret = Secret.ofBytes(new byte[] {(byte) 0xff, (byte) 0xfe});
    assertThatThrownBy(secret::insecureValue).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("insecureBytes");
    assertThat(secret.insecureBytes()).hasSize(2);
  }
}
