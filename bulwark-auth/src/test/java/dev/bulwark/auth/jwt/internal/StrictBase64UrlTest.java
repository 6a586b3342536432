package dev.bulwark.auth.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class StrictBase64UrlTest {
  private static boolean accepts(String text) {
    return StrictBase64Url.decode(text, 0, text.length()).isPresent();
  }

  @Test
  void canonicalUnpaddedText_roundTripsForEveryLength() {
    SecureRandom random = new SecureRandom();
    for (int n = 0; n < 70; n++) {
      byte[] data = new byte[n];
      random.nextBytes(data);
      String text = StrictBase64Url.encode(data);
      assertThat(StrictBase64Url.decode("x" + text + "y", 1, text.length() + 1)).hasValueSatisfying(d -> assertThat(d).isEqualTo(data));
    }
  }

  @Test
  void nonCanonicalTrailingBits_areRejected() {
    // "QQ" is the one spelling of 0x41; "QR".."QT" decode to the same byte in lenient decoders.
    assertThat(accepts("QQ")).isTrue();
    assertThat(accepts("QR")).isFalse();
    assertThat(accepts("QUE")).isTrue();
    assertThat(accepts("QUF")).isFalse();
  }

  @Test
  void paddingOtherAlphabetsAndStrayCharacters_areRejected() {
    assertThat(accepts("QQ==")).isFalse();
    assertThat(accepts("QUE=")).isFalse();
    assertThat(accepts("+/+/")).isFalse();
    assertThat(accepts("QU E")).isFalse();
    assertThat(accepts("Q")).isFalse();
    assertThat(accepts("QUJD?")).isFalse();
    assertThat(accepts(Base64.getUrlEncoder().encodeToString(new byte[] {1, 2}))).isFalse(); // padded
  }
}
