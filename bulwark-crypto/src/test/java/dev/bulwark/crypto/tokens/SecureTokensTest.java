package dev.bulwark.crypto.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecureTokensTest {
  private static final int COUNT = 100_000;
  private static final String URL_SAFE_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private static final String HEX_ALPHABET = "0123456789abcdef";

  private final SecureTokens tokens = SecureTokens.system();

  @Test
  void urlSafe_hasExpectedLengthAndNoPadding() {
    assertThat(tokens.urlSafe(32)).hasSize(43).doesNotContain("=");
    assertThat(tokens.urlSafe()).hasSize(43);
    assertThat(tokens.urlSafe(1)).hasSize(2);
    assertThat(tokens.urlSafe(1024)).hasSize(1366);
  }

  @Test
  void hex_hasTwoCharactersPerByte() {
    assertThat(tokens.hex(32)).hasSize(64).matches("[0-9a-f]+");
  }

  @Test
  void base62_hasFixedWidth() {
    for (int i = 0; i < 1000; i++) {
      assertThat(tokens.base62(32)).hasSize(43).matches("[0-9A-Za-z]+");
    }
    assertThat(Base62.width(32)).isEqualTo(43);
    assertThat(Base62.width(16)).isEqualTo(22);
  }

  @Test
  void base62_encodesKnownValues() {
    assertThat(Base62.encode(new byte[] {0, 0})).isEqualTo("000");
    assertThat(Base62.encode(new byte[] {0, 61})).isEqualTo("00z");
    assertThat(Base62.encode(new byte[] {0, 62})).isEqualTo("010");
    // 0xffff = 65535 = 17*62^2 + 3*62 + 1
    assertThat(Base62.encode(new byte[] {(byte) 0xff, (byte) 0xff})).isEqualTo("H31");
    assertThat(Base62.encodeUnsignedInt(0xffffffffL)).isEqualTo("4gfFC3");
  }

  @Test
  void urlSafeTokens_areDistinct_andUseWholeAlphabet() {
    assertDistinctAndCovering(tokens::urlSafe, URL_SAFE_ALPHABET);
  }

  @Test
  void hexTokens_areDistinct_andUseWholeAlphabet() {
    assertDistinctAndCovering(tokens::hex, HEX_ALPHABET);
  }

  @Test
  void base62Tokens_areDistinct_andUseWholeAlphabet() {
    assertDistinctAndCovering(tokens::base62, Base62.ALPHABET);
  }

  private static void assertDistinctAndCovering(IntFunction<String> generator, String alphabet) {
    Set<String> seen = new HashSet<>(COUNT * 2);
    Set<Character> used = new HashSet<>();
    for (int i = 0; i < COUNT; i++) {
      String token = generator.apply(32);
      assertThat(seen.add(token)).as("token %d repeats an earlier one", i).isTrue();
      for (char c : token.toCharArray()) {
        used.add(c);
      }
    }
    Set<Character> expected = new HashSet<>();
    for (char c : alphabet.toCharArray()) {
      expected.add(c);
    }
    assertThat(used).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 1025, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void outOfRangeSizes_areRejected(int size) {
    assertThatThrownBy(() -> tokens.bytes(size)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tokens.urlSafe(size)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tokens.hex(size)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tokens.base62(size)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void injectedRandomness_isUsed() throws Exception {
    SecureRandom first = SecureRandom.getInstance("SHA1PRNG");
    first.setSeed(42L);
    SecureRandom second = SecureRandom.getInstance("SHA1PRNG");
    second.setSeed(42L);
    assertThat(SecureTokens.using(first).hex(16)).isEqualTo(SecureTokens.using(second).hex(16));
  }
}
