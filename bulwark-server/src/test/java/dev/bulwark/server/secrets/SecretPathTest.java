package dev.bulwark.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.guard.errors.PublicError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretPathTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "app/db/password", "A-b_c.d/e", "x.y"})
  void wellFormedPath_accepted(String text) throws Exception {
    assertThat(SecretPath.parse(text).value()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/a", "a/", "a//b", "../etc", "a/../b", "a/./b", ".", "a b", "a%2fb", "a\\b", "ä", "a\u0000b"})
  void traversalOrOddCharacters_rejected(String text) {
    assertThatThrownBy(() -> SecretPath.parse(text)).isInstanceOf(PublicError.class);
  }

  @Test
  void overlongPath_rejected() {
    assertThatThrownBy(() -> SecretPath.parse("a".repeat(SecretPath.MAX_CHARS + 1))).isInstanceOf(PublicError.class);
    assertThat(SecretPath.isValid("a".repeat(SecretPath.MAX_CHARS))).isTrue();
  }
}
