package dev.bulwark.auth.jwt;

import static dev.bulwark.auth.jwt.JwtVerifierTest.AUD;
import static dev.bulwark.auth.jwt.JwtVerifierTest.ISS;
import static dev.bulwark.auth.jwt.JwtVerifierTest.NOW;
import static dev.bulwark.auth.jwt.JwtVerifierTest.reasonOf;
import static dev.bulwark.auth.jwt.JwtVerifierTest.verifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.jwt.InvalidTokenException.Reason;
import dev.bulwark.crypto.CryptoException;
import org.junit.jupiter.api.Test;

/**
 * Resource exhaustion through a token: deeply nested JSON (CVE-2025-53864, nimbus before 10.0.2:
 * uncontrolled recursion on a nested claim) and oversized tokens, both rejected before any parser or
 * signature check runs on them.
 */
class JwtDenialOfServiceTest {
  @Test
  void deeplyNestedClaims_areRejectedBeforeParsing() {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    String deep = "[".repeat(5000) + "]".repeat(5000);
    String payload = "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + ",\"x\":" + deep + "}";
    JwtVerifier verifier = verifier(key).maxTokenChars(JwtVerifier.MAX_TOKEN_CHARS_CAP).build();
    assertThat(reasonOf(verifier, Forge.signed(key, "{\"alg\":\"HS256\"}", payload))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void nestingAtTheBound_isAccepted_oneDeeperRejected() throws InvalidTokenException {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    String claims = "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + ",\"x\":";
    // The claims object itself is depth 1.
    String atBound = claims + "[".repeat(3) + "]".repeat(3) + "}";
    String beyond = claims + "[".repeat(4) + "]".repeat(4) + "}";
    assertThat(verifier(key).maxJsonDepth(4).build().verify(Forge.signed(key, "{\"alg\":\"HS256\"}", atBound)))
        .satisfies(jwt -> assertThat(jwt.issuer()).isEqualTo(ISS));
    assertThat(reasonOf(verifier(key).maxJsonDepth(4).build(), Forge.signed(key, "{\"alg\":\"HS256\"}", beyond)))
        .isEqualTo(Reason.MALFORMED);
  }

  @Test
  void deeplyNestedHeader_isRejected() {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    String header = "{\"alg\":\"HS256\",\"x\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}";
    assertThat(reasonOf(verifier(key).build(), Forge.signed(key, header, "{}"))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void oversizedToken_isRejectedBeforeDecoding() throws CryptoException {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    String big = JwtVerifierTest.sign(key, JwtVerifierTest.claims().claim("pad", "p".repeat(9000)).build());
    assertThat(reasonOf(verifier(key).build(), big)).isEqualTo(Reason.TOO_LARGE);
    assertThat(verifier(key).maxTokenChars(16 * 1024).build().verify(big).stringClaim("pad")).isPresent();
    assertThat(reasonOf(verifier(key).build(), "a".repeat(10_000_000))).isEqualTo(Reason.TOO_LARGE);
  }

  @Test
  void duplicateClaimNames_areRejected() {
    // Two "sub" members: parsers disagree on which wins, so an issuer and a verifier could read
    // different subjects from one signed token.
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    String payload = "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + ",\"sub\":\"alice\",\"sub\":\"admin\"}";
    assertThat(reasonOf(verifier(key).build(), Forge.signed(key, "{\"alg\":\"HS256\"}", payload))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void invalidUtf8InClaims_isRejected() {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    byte[] payload = ("{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + ",\"sub\":\"\u00ff\"}")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    String input = Forge.b64("{\"alg\":\"HS256\"}") + "." + Forge.b64(payload);
    String token = input + "." + Forge.b64(assertDoesNotThrowSign(key, input));
    assertThat(reasonOf(verifier(key).build(), token)).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void oversizedJwk_isRefused() {
    assertThatThrownBy(() -> JwtVerificationKey.fromJwk("{\"x\":\"" + "a".repeat(300_000) + "\"}")).isInstanceOf(CryptoException.class);
  }

  private static byte[] assertDoesNotThrowSign(JwtSigningKey key, String input) {
    try {
      return key.sign(input.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    } catch (CryptoException e) {
      throw new AssertionError(e);
    }
  }
}
