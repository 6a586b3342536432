package dev.bulwark.crypto.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import org.junit.jupiter.api.Test;

class CsrfTokensTest {
  private final CsrfKey key = CsrfKey.generate();
  private final CsrfTokens csrf = CsrfTokens.create(key);

  @Test
  void issuedToken_verifiesForItsSession() {
    String token = csrf.issue("session-1");
    assertThat(token).hasSize(66);
    assertThatCode(() -> csrf.verify(token, "session-1")).doesNotThrowAnyException();
  }

  @Test
  void tokenFromAnotherSession_isRejected() {
    String token = csrf.issue("session-1");
    assertThatThrownBy(() -> csrf.verify(token, "session-2")).isInstanceOf(CryptoException.class);
  }

  @Test
  void tokenUnderAnotherKey_isRejected() {
    String token = CsrfTokens.create(CsrfKey.generate()).issue("session-1");
    assertThatThrownBy(() -> csrf.verify(token, "session-1")).isInstanceOf(CryptoException.class);
  }

  @Test
  void tamperedOrTruncatedToken_isRejected() {
    String token = csrf.issue("session-1");
    char last = token.charAt(token.length() - 2);
    String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    assertThatThrownBy(() -> csrf.verify(tampered, "session-1")).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> csrf.verify(token.substring(0, 65), "session-1")).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> csrf.verify(null, "session-1")).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> csrf.verify("", "session-1")).isInstanceOf(CryptoException.class);
    String badBase64 = "!" + token.substring(1);
    assertThatThrownBy(() -> csrf.verify(badBase64, "session-1")).isInstanceOf(CryptoException.class);
  }

  @Test
  void sessionBoundaryCannotBeShifted() {
    // Length-prefixing stops "ab"+"c" from colliding with "a"+"bc" across binding and nonce.
    String token = csrf.issue("ab");
    assertThatThrownBy(() -> csrf.verify(token, "a")).isInstanceOf(CryptoException.class);
  }

  @Test
  void keyRoundTrips_andDestroyedKeyRefusesUse() throws Exception {
    CsrfKey copy = CsrfKey.insecureFromBytes(key.insecureExportBytes());
    String token = csrf.issue("s");
    CsrfTokens.create(copy).verify(token, "s");
    copy.destroy();
    assertThat(copy.isDestroyed()).isTrue();
    assertThatThrownBy(() -> CsrfTokens.create(copy).issue("s")).isInstanceOf(IllegalStateException.class);
    assertThat(copy.toString()).doesNotContainPattern("[0-9a-f]{16}");
  }

  @Test
  void emptyBinding_isMisuse() {
    assertThatThrownBy(() -> csrf.issue("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CsrfKey.insecureFromBytes(new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }
}
