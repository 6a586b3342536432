package dev.bulwark.crypto.fernet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FernetKeyTest {
  @Test
  void generate_exportsAs44UrlSafeCharactersWithPadding_andParsesBack() throws Exception {
    FernetKey key = FernetKey.generate();
    String text = key.insecureExportBase64();
    assertThat(text).matches("[A-Za-z0-9_-]{43}=");
    assertThat(FernetKey.parse(text).insecureExportBase64()).isEqualTo(text);
  }

  @Test
  void twoGeneratedKeys_differ() {
    assertThat(FernetKey.generate().insecureExportBase64()).isNotEqualTo(FernetKey.generate().insecureExportBase64());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4", // no padding
        "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4==", // too long
        "cw/0x689RpI+jtRR7oE8h/eQsKImvJapLeSbXpwF4e4=", // standard alphabet
        "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e5=", // non-canonical last character
        "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4é4=", // non-ASCII
        "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpw=4e4=", // padding inside
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==" // 31 bytes
      })
  void malformedKey_isRejectedWithAMessageThatDoesNotEchoIt(String text) {
    assertThatThrownBy(() -> FernetKey.parse(text))
        .isInstanceOf(CryptoException.class)
        .message()
        .doesNotContain(text.isEmpty() ? "\u0000" : text);
  }

  @Test
  void insecureFromBytes_requires32Bytes_andMatchesTheTextForm() {
    byte[] raw = new byte[32];
    raw[0] = 1;
    assertThat(FernetKey.insecureFromBytes(raw).insecureExportBase64()).isEqualTo(Base64.getUrlEncoder().encodeToString(raw));
    assertThatThrownBy(() -> FernetKey.insecureFromBytes(new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void destroy_zeroesAndBlocksExport() {
    FernetKey key = FernetKey.generate();
    key.destroy();
    assertThat(key.isDestroyed()).isTrue();
    assertThatThrownBy(key::insecureExportBase64).isInstanceOf(IllegalStateException.class);
    assertThat(key.toString()).isEqualTo("FernetKey[redacted]");
  }
}
