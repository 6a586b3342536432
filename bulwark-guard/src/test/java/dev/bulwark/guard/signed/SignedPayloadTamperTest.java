package dev.bulwark.guard.signed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import dev.bulwark.guard.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signed payloads: tampered, truncated, wrong-key and key-id-swapped payloads are refused. */
class SignedPayloadTamperTest {
  private static final MacKey K1 = MacKey.generate(MacAlgorithm.HMAC_SHA256);
  private static final MacKey K2 = MacKey.generate(MacAlgorithm.HMAC_SHA256);
  private static final PayloadKeys KEYS = PayloadKeys.of("k1", K1).withVerifyOnly("k2", K2);
  private static final SignedPayload SIGNED = SignedPayload.create(KEYS, Limits.defaults());

  public record Cart(String id, int items) {}

  @Test
  void signedValue_verifiesAndParses() throws Exception {
    String token = SIGNED.sign(new Cart("c-17", 3));

    VerifiedPayload<Cart> verified = SIGNED.verify(token, Cart.class);

    assertThat(verified.value()).isEqualTo(new Cart("c-17", 3));
    assertThat(verified.keyId()).isEqualTo("k1");
    assertThat(token).startsWith("bsp1.k1.");
    assertThat(verified.toString()).doesNotContain("c-17");
  }

  @Test
  void json_isCanonical_keysSortedNoWhitespace() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("zeta", 1);
    a.put("alpha", Map.of("y", 2, "b", 3));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("alpha", Map.of("b", 3, "y", 2));
    b.put("zeta", 1);

    String tokenA = SIGNED.sign(a);
    String body = new String(Base64.getUrlDecoder().decode(tokenA.split("\\.")[2]), StandardCharsets.UTF_8);

    assertThat(body).isEqualTo("{\"alpha\":{\"b\":3,\"y\":2},\"zeta\":1}");
    assertThat(SIGNED.sign(b)).isEqualTo(tokenA);
  }

  @Test
  void tamperedBody_isRejectedBeforeParsing() {
    String token = SIGNED.sign(new Cart("c-17", 3));
    String[] parts = token.split("\\.");
    String forged = b64("{\"id\":\"c-17\",\"items\":300}");
    // A body that would not even parse must fail on the tag, not in the parser.
    String garbage = b64("{{{{ not json");

    assertRejected(parts[0] + "." + parts[1] + "." + forged + "." + parts[3], "does not verify");
    assertRejected(parts[0] + "." + parts[1] + "." + garbage + "." + parts[3], "does not verify");
  }

  @Test
  void everySingleCharacterFlip_isRejected() {
    String token = SIGNED.sign(new Cart("c-17", 3));
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      char flipped = c == 'A' ? 'B' : 'A';
      String tampered = token.substring(0, i) + flipped + token.substring(i + 1);
      assertThatThrownBy(() -> SIGNED.verify(tampered, Cart.class)).as("position " + i).isInstanceOf(SignedPayloadException.class);
    }
  }

  @Test
  void truncatedPayloads_areRejected() {
    String token = SIGNED.sign(new Cart("c-17", 3));
    for (int cut = 1; cut < token.length(); cut += 3) {
      String truncated = token.substring(0, token.length() - cut);
      assertThatThrownBy(() -> SIGNED.verify(truncated, Cart.class)).isInstanceOf(SignedPayloadException.class);
    }
    assertRejected("", "malformed");
  }

  @Test
  void wrongKey_isRejected() {
    SignedPayload other = SignedPayload.create(PayloadKeys.of("k1", MacKey.generate(MacAlgorithm.HMAC_SHA256)), Limits.defaults());
    String token = other.sign(new Cart("c-17", 3));

    assertRejected(token, "does not verify");
  }

  @Test
  void replayedWithAnotherKeyId_isRejected() {
    String token = SIGNED.sign(new Cart("c-17", 3));
    assertRejected(token.replaceFirst("^bsp1\\.k1\\.", "bsp1.k2."), "does not verify");

    // Even when the same key material is registered under two ids, the id is authenticated.
    SignedPayload twoIdsOneKey = SignedPayload.create(PayloadKeys.of("a", K1).withVerifyOnly("b", K1), Limits.defaults());
    String underA = twoIdsOneKey.sign(new Cart("c-17", 3));
    assertThatThrownBy(() -> twoIdsOneKey.verify(underA.replaceFirst("^bsp1\\.a\\.", "bsp1.b."), Cart.class))
        .isInstanceOf(SignedPayloadException.class).hasMessageContaining("does not verify");
  }

  @Test
  void unknownKeyIdAndRemovedKey_areRejected() throws Exception {
    String token = SIGNED.sign(new Cart("c-17", 3));
    assertRejected(token.replaceFirst("^bsp1\\.k1\\.", "bsp1.k9."), "unknown key id");

    PayloadKeys rotated = KEYS.withPrimary("k3", MacKey.generate(MacAlgorithm.HMAC_SHA256));
    assertThat(SignedPayload.create(rotated, Limits.defaults()).verify(token, Cart.class).keyId()).isEqualTo("k1");
    SignedPayload retired = SignedPayload.create(rotated.without("k1"), Limits.defaults());
    assertThatThrownBy(() -> retired.verify(token, Cart.class)).hasMessageContaining("unknown key id");
  }

  @Test
  void malformedShapes_areRejected() {
    String token = SIGNED.sign(new Cart("c-17", 3));
    assertRejected(token + ".extra", "malformed");
    assertRejected(token.replaceFirst("^bsp1", "bsp2"), "malformed");
    assertRejected(token + "=", "base64");
    assertRejected("bsp1.k1.e30.AAAA", "wrong length");
    assertRejected("bsp1.k1!.e30." + "A".repeat(43), "malformed");
  }

  @Test
  void authenticBodyOfWrongShape_isRejectedAfterVerification() {
    String token = SIGNED.sign(Map.of("id", "c-17", "items", 3, "admin", true));
    assertThatThrownBy(() -> SIGNED.verify(token, Cart.class))
        .isInstanceOf(SignedPayloadException.class)
        .hasMessageContaining("not a valid Cart");
  }

  @Test
  void oversizedPayload_isRejectedBeforeTheMac() {
    SignedPayload small = SignedPayload.create(KEYS, Limits.defaults().withMaxDocumentBytes(100));
    assertThatThrownBy(() -> small.verify("bsp1.k1." + "A".repeat(1000) + "." + "A".repeat(43), Cart.class))
        .isInstanceOf(SignedPayloadException.class).hasMessageContaining("longer than");
  }

  @Test
  void keyMisuse_isIllegalArgument() {
    assertThatThrownBy(() -> PayloadKeys.of("bad id", K1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PayloadKeys.of("k", MacKey.generate(MacAlgorithm.HMAC_SHA512))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KEYS.withVerifyOnly("k1", K2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KEYS.without("k1")).isInstanceOf(IllegalArgumentException.class);
    assertThat(KEYS.toString()).contains("k1", "k2").doesNotContain("MacKey");
  }

  private static void assertRejected(String token, String reason) {
    assertThatThrownBy(() -> SIGNED.verify(token, Cart.class))
        .isInstanceOf(SignedPayloadException.class)
        .hasMessageContaining(reason);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
