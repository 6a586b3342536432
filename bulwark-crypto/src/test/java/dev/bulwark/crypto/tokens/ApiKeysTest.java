package dev.bulwark.crypto.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  private static final int SAMPLE_KEYS = 500;

  @Test
  void generatedKey_hasDocumentedShape() {
    ApiKey key = ApiKeys.generate();
    assertThat(key.insecureValue()).hasSize(53).startsWith("bwk_").matches("bwk_[0-9A-Za-z]{49}");
    assertThat(ApiKeys.isWellFormed(key.insecureValue())).isTrue();
  }

  @Test
  void checksum_catchesEverySingleCharacterSubstitution() {
    // Every position, every other character of the base62 alphabet and a few outside it.
    String replacements = Base62.ALPHABET + "_-+/= .\u00e9\u0000";
    long mutations = 0;
    for (int k = 0; k < SAMPLE_KEYS; k++) {
      String key = ApiKeys.generate().insecureValue();
      char[] chars = key.toCharArray();
      for (int position = 0; position < chars.length; position++) {
        char original = chars[position];
        for (int r = 0; r < replacements.length(); r++) {
          char replacement = replacements.charAt(r);
          if (replacement == original) {
            continue;
          }
          chars[position] = replacement;
          String mutated = new String(chars);
          if (ApiKeys.isWellFormed(mutated)) {
            throw new AssertionError("undetected substitution at position " + position + " of " + key);
          }
          mutations++;
        }
        chars[position] = original;
      }
    }
    assertThat(mutations).isGreaterThan(SAMPLE_KEYS * 53L * 61);
  }

  @Test
  void checksum_catchesAdjacentTranspositions() {
    for (int k = 0; k < SAMPLE_KEYS; k++) {
      String key = ApiKeys.generate().insecureValue();
      for (int i = 4; i < key.length() - 1; i++) {
        if (key.charAt(i) == key.charAt(i + 1)) {
          continue;
        }
        char[] chars = key.toCharArray();
        chars[i] = key.charAt(i + 1);
        chars[i + 1] = key.charAt(i);
        assertThat(ApiKeys.isWellFormed(new String(chars))).isFalse();
      }
    }
  }

  @Test
  void wrongLengthPrefixOrNull_isNotWellFormed() {
    String key = ApiKeys.generate().insecureValue();
    assertThat(ApiKeys.isWellFormed(null)).isFalse();
    assertThat(ApiKeys.isWellFormed("")).isFalse();
    assertThat(ApiKeys.isWellFormed(key.substring(0, 52))).isFalse();
    assertThat(ApiKeys.isWellFormed(key + "0")).isFalse();
    assertThat(ApiKeys.isWellFormed("bwK_" + key.substring(4))).isFalse();
    assertThat(ApiKeys.isWellFormed("xyz_" + key.substring(4))).isFalse();
  }

  @Test
  void parse_acceptsWellFormed_rejectsOtherwise_withoutEchoingInput() throws Exception {
    ApiKey key = ApiKeys.generate();
    assertThat(ApiKeys.parse(key.insecureValue())).isEqualTo(key);
    char last = key.insecureValue().charAt(52);
    String forged = key.insecureValue().substring(0, 52) + (last == 'x' ? 'y' : 'x');
    assertThatThrownBy(() -> ApiKeys.parse(forged))
        .isInstanceOf(CryptoException.class)
        .message()
        .doesNotContain(forged.substring(4, 20));
  }

  @Test
  void toString_showsOnlyHint() {
    ApiKey key = ApiKeys.generate();
    assertThat(key.toString()).doesNotContain(key.insecureValue().substring(8));
    assertThat(key.hint()).hasSize(9).startsWith("bwk_");
  }

  @Test
  void storageDigest_isSha256OfKeyText() throws Exception {
    ApiKey key = ApiKeys.generate();
    byte[] expected =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(key.insecureValue().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(HexFormat.of().formatHex(key.storageDigest())).isEqualTo(HexFormat.of().formatHex(expected));
  }

  @Test
  void equality_followsValue() {
    ApiKey a = ApiKeys.generate();
    ApiKey b = ApiKeys.generate();
    assertThat(a).isNotEqualTo(b);
    assertThat(a).isEqualTo(new ApiKey(a.insecureValue())).hasSameHashCodeAs(new ApiKey(a.insecureValue()));
  }
}
