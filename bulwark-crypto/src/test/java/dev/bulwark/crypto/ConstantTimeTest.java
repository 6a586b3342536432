package dev.bulwark.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstantTimeTest {
  @Test
  void equalBytes_areEqual() {
    assertThat(ConstantTime.equals(new byte[] {1, 2, 3}, new byte[] {1, 2, 3})).isTrue();
    assertThat(ConstantTime.equals(new byte[0], new byte[0])).isTrue();
  }

  @Test
  void differentBytes_lengthsOrNull_areNotEqual() {
    assertThat(ConstantTime.equals(new byte[] {1, 2, 3}, new byte[] {1, 2, 4})).isFalse();
    assertThat(ConstantTime.equals(new byte[] {1, 2, 3}, new byte[] {1, 2})).isFalse();
    assertThat(ConstantTime.equals((byte[]) null, new byte[0])).isFalse();
    assertThat(ConstantTime.equals(new byte[0], (byte[]) null)).isFalse();
    assertThat(ConstantTime.equals((byte[]) null, (byte[]) null)).isFalse();
  }

  @Test
  void strings_compareByUtf8Content() {
    assertThat(ConstantTime.equals("tøken", new StringBuilder("tøken"))).isTrue();
    assertThat(ConstantTime.equals("token", "tokeN")).isFalse();
    assertThat(ConstantTime.equals("token", "token ")).isFalse();
    assertThat(ConstantTime.equals((CharSequence) null, "x")).isFalse();
  }
}
