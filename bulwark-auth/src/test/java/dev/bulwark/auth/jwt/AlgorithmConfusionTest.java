package dev.bulwark.auth.jwt;

import static dev.bulwark.auth.jwt.JwtVerifierTest.AUD;
import static dev.bulwark.auth.jwt.JwtVerifierTest.ISS;
import static dev.bulwark.auth.jwt.JwtVerifierTest.NOW;
import static dev.bulwark.auth.jwt.JwtVerifierTest.reasonOf;
import static dev.bulwark.auth.jwt.JwtVerifierTest.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.jwt.InvalidTokenException.Reason;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.mac.Mac;
import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The JWT algorithm attacks: {@code alg: none} (CVE-2015-9235, Auth0 "critical vulnerabilities in JSON
 * Web Token libraries", 2015), RS256/ES256 public key used as an HS256 secret (CVE-2016-10555,
 * CVE-2022-29217 in PyJWT), and header-supplied keys ({@code jwk}: CVE-2018-0114; {@code jku}/{@code
 * x5u}: key fetched from an attacker URL).
 */
class AlgorithmConfusionTest {
  private static final String PAYLOAD =
      "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"sub\":\"admin\",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}";

  @Test
  void algNone_isRejected() {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.EDDSA);
    for (String alg : new String[] {"none", "None", "NONE", "nOnE"}) {
      String token = Forge.b64("{\"alg\":\"" + alg + "\"}") + "." + Forge.b64(PAYLOAD) + ".";
      assertThat(reasonOf(verifier(key).build(), token)).as(alg).isIn(Reason.ALGORITHM, Reason.MALFORMED);
    }
    String noneWithKid = Forge.b64("{\"alg\":\"none\",\"kid\":\"test-EdDSA\"}") + "." + Forge.b64(PAYLOAD) + ".";
    assertThat(reasonOf(verifier(key).build(), noneWithKid)).isEqualTo(Reason.ALGORITHM);
  }

  @Test
  void publicKeyAsHmacSecret_isRejected() throws CryptoException {
    for (JwtAlgorithm algorithm : new JwtAlgorithm[] {JwtAlgorithm.RS256, JwtAlgorithm.ES256, JwtAlgorithm.EDDSA}) {
      JwtVerificationKey victim = TestKeys.key(algorithm).verificationKey();
      // The attacker knows the public JWK and uses its bytes as the HMAC key.
      byte[] secret = victim.exportPublicJwk().getBytes(StandardCharsets.UTF_8);
      String input = Forge.b64("{\"alg\":\"HS256\",\"kid\":\"test-" + algorithm.joseName() + "\"}") + "." + Forge.b64(PAYLOAD);
      byte[] tag = Mac.create(MacKey.insecureFromBytes(MacAlgorithm.HMAC_SHA256, secret)).compute(input.getBytes(StandardCharsets.US_ASCII));
      String token = input + "." + Forge.b64(tag);
      JwtVerifier verifier = JwtVerifier.builder(victim).requireIssuer(ISS).requireAudience(AUD).clock(JwtVerifierTest.CLOCK).build();
      assertThat(reasonOf(verifier, token)).as(algorithm.name()).isEqualTo(Reason.ALGORITHM);
    }
  }

  @Test
  void algorithmNotPinnedToKey_isRejectedEvenWithValidSignatureByAnotherKey() {
    // A PS256 key and an RS256 key over the same modulus are still different pinned keys.
    JwtSigningKey ps = TestKeys.key(JwtAlgorithm.PS256);
    String token = Forge.signed(ps, "{\"alg\":\"RS256\",\"kid\":\"test-PS256\"}", PAYLOAD);
    assertThat(reasonOf(verifier(ps).build(), token)).isEqualTo(Reason.ALGORITHM);
  }

  @Test
  void headerSuppliedKeys_areRejected() {
    JwtSigningKey attacker = JwtSigningKey.generate(JwtAlgorithm.EDDSA, "test-EdDSA");
    String attackerJwk = attacker.verificationKey().exportPublicJwk();
    JwtVerifier verifier = verifier(TestKeys.key(JwtAlgorithm.EDDSA)).build();
    String[] headers = {
      "{\"alg\":\"EdDSA\",\"kid\":\"test-EdDSA\",\"jwk\":" + attackerJwk + "}",
      "{\"alg\":\"EdDSA\",\"kid\":\"test-EdDSA\",\"jku\":\"https://evil.example/jwks.json\"}",
      "{\"alg\":\"EdDSA\",\"kid\":\"test-EdDSA\",\"x5u\":\"https://evil.example/cert.pem\"}",
      "{\"alg\":\"EdDSA\",\"kid\":\"test-EdDSA\",\"x5c\":[\"MIIB\"]}",
    };
    for (String header : headers) {
      assertThat(reasonOf(verifier, Forge.signed(attacker, header, PAYLOAD))).as(header).isEqualTo(Reason.FORBIDDEN_HEADER);
    }
  }

  @Test
  void headerSuppliedKeys_areRejectedEvenWhenSignedByTheTrustedKey() {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.EDDSA);
    String token = Forge.signed(key, "{\"alg\":\"EdDSA\",\"kid\":\"test-EdDSA\",\"jku\":\"https://id.example/jwks\"}", PAYLOAD);
    assertThat(reasonOf(verifier(key).build(), token)).isEqualTo(Reason.FORBIDDEN_HEADER);
  }

  @Test
  void criticalHeaderWeDoNotUnderstand_isRejected() {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    String crit = Forge.signed(key, "{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}", PAYLOAD);
    String b64 = Forge.signed(key, "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}", PAYLOAD);
    assertThat(reasonOf(verifier(key).build(), crit)).isEqualTo(Reason.FORBIDDEN_HEADER);
    assertThat(reasonOf(verifier(key).build(), b64)).isEqualTo(Reason.FORBIDDEN_HEADER);
  }

  @Test
  void unknownKid_isRejected_andKidlessTokenWithSeveralKeysIsAmbiguous() throws CryptoException {
    JwtSigningKey a = JwtSigningKey.generate(JwtAlgorithm.EDDSA, "a");
    JwtSigningKey b = JwtSigningKey.generate(JwtAlgorithm.EDDSA, "b");
    JwtVerifier both = JwtVerifier.builder(a.verificationKey(), b.verificationKey())
        .requireIssuer(ISS).requireAudience(AUD).clock(JwtVerifierTest.CLOCK).build();
    assertThat(both.verify(JwtVerifierTest.sign(b, JwtVerifierTest.claims().build())).keyId()).contains("b");
    assertThat(reasonOf(both, Forge.signed(a, "{\"alg\":\"EdDSA\",\"kid\":\"c\"}", PAYLOAD))).isEqualTo(Reason.UNKNOWN_KEY);
    assertThat(reasonOf(both, Forge.signed(a, "{\"alg\":\"EdDSA\"}", PAYLOAD))).isEqualTo(Reason.UNKNOWN_KEY);
    // kid a's header naming b's kid: the kid selects b, whose signature check then fails.
    assertThat(reasonOf(both, Forge.signed(a, "{\"alg\":\"EdDSA\",\"kid\":\"b\"}", PAYLOAD))).isEqualTo(Reason.SIGNATURE);
  }
}
