package dev.bulwark.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.jwt.InvalidTokenException.Reason;
import dev.bulwark.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JwtVerifierTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String ISS = "https://id.example";
  static final String AUD = "files-api";

  static JwtClaims.Builder claims() {
    return JwtClaims.builder().issuer(ISS).subject("user-42").audience(AUD).expiresAt(NOW.plusSeconds(600));
  }

  static JwtVerifier.Builder verifier(JwtSigningKey key) {
    return JwtVerifier.builder(key.verificationKey()).requireIssuer(ISS).requireAudience(AUD).clock(CLOCK);
  }

  static String sign(JwtSigningKey key, JwtClaims claims) throws CryptoException {
    return JwtSigner.create(key, CLOCK).sign(claims);
  }

  static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static InvalidTokenException.Reason reasonOf(JwtVerifier verifier, String token) {
    try {
      verifier.verify(token);
    } catch (InvalidTokenException e) {
      return e.reason();
    }
    throw new AssertionError("token was accepted");
  }

  @ParameterizedTest
  @EnumSource(JwtAlgorithm.class)
  void signedToken_verifiesAndExposesClaims(JwtAlgorithm algorithm) throws CryptoException {
    JwtSigningKey key = TestKeys.key(algorithm);
    String token = sign(key, claims().scopes("read:files", "write:files").jwtId("j1").claim("tenant", "acme").build());

    VerifiedJwt jwt = verifier(key).requireScopes("read:files").build().verify(token);

    assertThat(jwt.issuer()).isEqualTo(ISS);
    assertThat(jwt.subject()).contains("user-42");
    assertThat(jwt.audiences()).containsExactly(AUD);
    assertThat(jwt.expiresAt()).isEqualTo(NOW.plusSeconds(600));
    assertThat(jwt.issuedAt()).contains(NOW);
    assertThat(jwt.jwtId()).contains("j1");
    assertThat(jwt.scopes()).containsExactlyInAnyOrder("read:files", "write:files");
    assertThat(jwt.stringClaim("tenant")).contains("acme");
    assertThat(jwt.algorithm()).isEqualTo(algorithm);
    assertThat(jwt.keyId()).contains("test-" + algorithm.joseName());
    assertThat(jwt.claimsJson()).contains("\"sub\":\"user-42\"");
  }

  @ParameterizedTest
  @EnumSource(JwtAlgorithm.class)
  void tamperedPayload_isRejectedAsBadSignature(JwtAlgorithm algorithm) throws CryptoException {
    JwtSigningKey key = TestKeys.key(algorithm);
    String[] parts = sign(key, claims().build()).split("\\.");
    String forged = parts[0] + "." + b64("{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"sub\":\"admin\",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}") + "." + parts[2];
    assertThat(reasonOf(verifier(key).build(), forged)).isEqualTo(Reason.SIGNATURE);
  }

  @ParameterizedTest
  @EnumSource(JwtAlgorithm.class)
  void tokenFromAnotherKeyOfSameAlgorithm_isRejected(JwtAlgorithm algorithm) throws CryptoException {
    JwtSigningKey other = JwtSigningKey.generate(algorithm, "test-" + algorithm.joseName());
    String token = sign(other, claims().build());
    assertThat(reasonOf(verifier(TestKeys.key(algorithm)).build(), token)).isEqualTo(Reason.SIGNATURE);
  }

  @Test
  void truncatedOrFlippedSignature_isRejected() throws CryptoException {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.EDDSA);
    String token = sign(key, claims().build());
    JwtVerifier verifier = verifier(key).build();
    assertThat(reasonOf(verifier, token.substring(0, token.length() - 4))).isIn(Reason.SIGNATURE, Reason.MALFORMED);
    assertThat(reasonOf(verifier, token.substring(0, token.length() - 1))).isIn(Reason.SIGNATURE, Reason.MALFORMED);
    char last = token.charAt(token.length() - 2);
    String flipped = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    assertThat(reasonOf(verifier, flipped)).isEqualTo(Reason.SIGNATURE);
    assertThat(reasonOf(verifier, token.substring(0, token.lastIndexOf('.')))).isEqualTo(Reason.MALFORMED);
    assertThat(reasonOf(verifier, token + ".x")).isEqualTo(Reason.MALFORMED);
    assertThat(reasonOf(verifier, "")).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void expiredToken_isRejected_butWithinSkewAccepted() throws CryptoException {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    String token = JwtSigner.create(key, Clock.fixed(NOW.minusSeconds(700), ZoneOffset.UTC))
        .sign(claims().expiresAt(NOW.minusSeconds(30)).build());
    assertThat(verifier(key).build().verify(token).subject()).contains("user-42");
    assertThat(reasonOf(verifier(key).maxClockSkew(Duration.ZERO).build(), token)).isEqualTo(Reason.EXPIRED);
    assertThat(reasonOf(verifier(key).maxClockSkew(Duration.ofSeconds(30)).build(), token)).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void notBeforeInTheFuture_isRejected() throws CryptoException {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    assertThat(reasonOf(verifier(key).build(), sign(key, claims().notBefore(NOW.plusSeconds(120)).build())))
        .isEqualTo(Reason.NOT_YET_VALID);
    assertThat(verifier(key).build().verify(sign(key, claims().notBefore(NOW.plusSeconds(30)).build()))).isNotNull();
  }

  @Test
  void issuedInTheFuture_isRejected() throws CryptoException {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    String token = sign(key, claims().issuedAt(NOW.plusSeconds(300)).build());
    assertThat(reasonOf(verifier(key).build(), token)).isEqualTo(Reason.NOT_YET_VALID);
  }

  @Test
  void missingExpiration_isRejected() {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    String token = Forge.signed(key, "{\"alg\":\"HS256\",\"kid\":\"test-HS256\"}", "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\"}");
    assertThat(reasonOf(verifier(key).build(), token)).isEqualTo(Reason.MISSING_EXPIRATION);
  }

  @Test
  void wrongIssuerOrAudience_isRejected() throws CryptoException {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.ES256);
    assertThat(reasonOf(verifier(key).build(), sign(key, claims().issuer("https://evil.example").build())))
        .isEqualTo(Reason.ISSUER);
    assertThat(reasonOf(verifier(key).build(), sign(key, claims().audience("other-api").build())))
        .isEqualTo(Reason.AUDIENCE);
    assertThat(verifier(key).build().verify(sign(key, claims().audience("other-api", AUD).build())).audiences())
        .containsExactly("other-api", AUD);
  }

  @Test
  void missingRequiredScope_isRejected() throws CryptoException {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.EDDSA);
    String token = sign(key, claims().scopes("read:files").build());
    assertThat(reasonOf(verifier(key).requireScopes("read:files", "write:files").build(), token)).isEqualTo(Reason.SCOPE);
    assertThat(reasonOf(verifier(key).requireScopes("read").build(), token)).isEqualTo(Reason.SCOPE);
    assertThat(reasonOf(verifier(key).requireScopes("read:files").build(), sign(key, claims().build())))
        .isEqualTo(Reason.SCOPE);
  }

  @Test
  void scopeClaimOfWrongType_isMalformed() {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    String token = Forge.signed(key, "{\"alg\":\"HS256\"}", "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + ",\"scope\":[\"a\"]}");
    assertThat(reasonOf(verifier(key).build(), token)).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void registeredClaimOfWrongType_isMalformed() {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    String token = Forge.signed(key, "{\"alg\":\"HS256\"}", "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"exp\":\"tomorrow\"}");
    assertThat(reasonOf(verifier(key).build(), token)).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void nonJwtType_isRejected() throws InvalidTokenException {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    String payload = "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}";
    assertThat(reasonOf(verifier(key).build(), Forge.signed(key, "{\"alg\":\"HS256\",\"typ\":\"dpop+jwt\"}", payload)))
        .isEqualTo(Reason.TYPE);
    assertThat(verifier(key).build().verify(Forge.signed(key, "{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}", payload))).isNotNull();
  }

  @Test
  void builder_refusesMissingIssuerOrAudienceAndOutOfRangeKnobs() {
    JwtVerificationKey key = TestKeys.key(JwtAlgorithm.EDDSA).verificationKey();
    assertThatThrownBy(() -> JwtVerifier.builder(key).requireAudience(AUD).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("requireIssuer");
    assertThatThrownBy(() -> JwtVerifier.builder(key).requireIssuer(ISS).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("requireAudience");
    assertThatThrownBy(() -> JwtVerifier.builder(key).maxClockSkew(Duration.ofMinutes(11))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtVerifier.builder(key).maxClockSkew(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtVerifier.builder(key).maxTokenChars(1 << 20)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtVerifier.builder(key).maxJsonDepth(100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtVerifier.builder(key).requireScopes("has space")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(JwtVerifier::builder).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtVerifier.builder(key, key)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void claimsBuilder_refusesNoExpiryRegisteredNamesAndOddTypes() {
    assertThatThrownBy(() -> JwtClaims.builder().issuer(ISS).build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JwtClaims.builder().claim("exp", 1L)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtClaims.builder().claim("x", new Object())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtClaims.builder().scopes("a b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtClaims.builderFromJson("{\"exp\":\"soon\"}")).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> JwtClaims.builderFromJson("[1]")).isInstanceOf(CryptoException.class);
  }

  @Test
  void signer_refusesAlreadyExpiredClaims() {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    assertThatThrownBy(() -> sign(key, claims().expiresAt(NOW).build())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void destroyedKey_cannotSign() throws CryptoException {
    for (JwtAlgorithm algorithm : new JwtAlgorithm[] {JwtAlgorithm.EDDSA, JwtAlgorithm.HS256, JwtAlgorithm.RS256}) {
      JwtSigningKey key = JwtSigningKey.generate(algorithm, "gone");
      key.destroy();
      assertThat(key.isDestroyed()).isTrue();
      assertThatThrownBy(() -> sign(key, claims().build())).isInstanceOf(CryptoException.class);
      assertThatThrownBy(key::insecureExportPrivateJwk).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void toString_showsNoKeyMaterial() {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    String secret = key.insecureExportPrivateJwk().replaceAll(".*\"k\":\"([^\"]+)\".*", "$1");
    assertThat(key.toString()).doesNotContain(secret).contains("HS256");
    assertThat(key.verificationKey().toString()).doesNotContain(secret);
  }

  /** A signed token whose aud array holds null used to verify and then throw an NPE from audiences(). */
  @Test
  void audienceArrayWithNull_isMalformed_notAnNpeLater() {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    String payload = "{\"iss\":\"" + ISS + "\",\"aud\":[\"" + AUD + "\",null],\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}";
    assertThat(reasonOf(verifier(key).build(), Forge.signed(key, "{\"alg\":\"HS256\"}", payload))).isEqualTo(Reason.MALFORMED);
  }
}
