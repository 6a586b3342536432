package dev.bulwark.server.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.guard.errors.PublicError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransitCiphertextTest {
  @Test
  void formatThenParse_roundTrips() throws Exception {
    TransitCiphertext ct = new TransitCiphertext(42, new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe});
    assertThat(ct.format()).isEqualTo("bulwark:v42:AAEC__4");
    assertThat(TransitCiphertext.parse(ct.format())).isEqualTo(ct);
  }

  @Test
  void payload_isCopiedInAndOut() {
    byte[] bytes = {1, 2, 3};
    TransitCiphertext ct = new TransitCiphertext(1, bytes);
    bytes[0] = 9;
    ct.payload()[1] = 9;
    assertThat(ct.payload()).containsExactly(1, 2, 3);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "bulwark:v1:", "bulwark:v0:AAEC", "bulwark:v01:AAEC", "bulwark:v-1:AAEC", "bulwark:v1234567890:AAEC",
      "Bulwark:v1:AAEC", "bulwark:V1:AAEC", "bulwark:v1:AAEC=", "bulwark:v1:AA+C", "bulwark:v1:AA/C", "bulwark:v1:A",
      "bulwark:v1:AB", "bulwark:v1:AAEC ", " bulwark:v1:AAEC", "bulwark:v1:AAEC\n", "bulwark:v1:AA\u00e9C"})
  void offContractText_isRejected(String text) {
    assertThatThrownBy(() -> TransitCiphertext.parse(text)).isInstanceOf(PublicError.class)
        .hasMessageStartingWith("The ciphertext is malformed.");
  }

  @Test
  void oversizedText_isRejectedBeforeDecoding() {
    String huge = "bulwark:v1:" + "A".repeat(TransitCiphertext.MAX_CHARS);
    assertThatThrownBy(() -> TransitCiphertext.parse(huge)).isInstanceOf(PublicError.class);
  }
}
