package dev.bulwark.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.bulwark.crypto.CryptoException;
import java.text.ParseException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class JwkTest {
  private static String with(String json, String member, Object value) throws ParseException {
    Map<String, Object> map = JSONObjectUtils.parse(json);
    if (value == null) {
      map.remove(member);
    } else {
      map.put(member, value);
    }
    return JSONObjectUtils.toJSONString(map);
  }

  @ParameterizedTest
  @EnumSource(JwtAlgorithm.class)
  void privateJwk_roundTripsAndSignsTheSame(JwtAlgorithm algorithm) throws Exception {
    JwtSigningKey key = TestKeys.key(algorithm);
    String jwk = key.insecureExportPrivateJwk();
    assertThat(jwk).contains("\"alg\":\"" + algorithm.joseName() + "\"", "\"use\":\"sig\"", "\"kid\":\"test-" + algorithm.joseName() + "\"");
    JwtSigningKey again = JwtSigningKey.fromJwk(jwk);
    assertThat(again.algorithm()).isEqualTo(algorithm);
    assertThat(again.keyId()).isEqualTo(key.keyId());
    // The re-imported key's tokens verify under the original key's verification key.
    String token = JwtVerifierTest.sign(again, JwtVerifierTest.claims().build());
    assertThat(JwtVerifierTest.verifier(key).build().verify(token).algorithm()).isEqualTo(algorithm);
  }

  @ParameterizedTest
  @EnumSource(value = JwtAlgorithm.class, names = "HS256", mode = EnumSource.Mode.EXCLUDE)
  void publicJwk_roundTrips_andAPrivateJwkGivenToAVerifierKeepsOnlyItsPublicHalf(JwtAlgorithm algorithm) throws Exception {
    JwtSigningKey key = TestKeys.key(algorithm);
    String publicJwk = key.verificationKey().exportPublicJwk();
    assertThat(JwtVerificationKey.fromJwk(publicJwk).exportPublicJwk()).isEqualTo(publicJwk);
    assertThat(JwtVerificationKey.fromJwk(key.insecureExportPrivateJwk()).exportPublicJwk()).isEqualTo(publicJwk);
    assertThatThrownBy(() -> JwtSigningKey.fromJwk(publicJwk)).isInstanceOf(CryptoException.class);
  }

  @Test
  void jwkWithoutAlg_orWithUnsupportedAlg_isRefused() throws Exception {
    String jwk = TestKeys.key(JwtAlgorithm.ES256).verificationKey().exportPublicJwk();
    assertThatThrownBy(() -> JwtVerificationKey.fromJwk(with(jwk, "alg", null))).isInstanceOf(CryptoException.class).hasMessageContaining("alg");
    for (String alg : new String[] {"none", "ES384", "HS512", "RSA-OAEP", "es256"}) {
      assertThatThrownBy(() -> JwtVerificationKey.fromJwk(with(jwk, "alg", alg))).as(alg).isInstanceOf(CryptoException.class);
    }
    // An EC key relabelled as an RSA or Ed25519 key is not one.
    assertThatThrownBy(() -> JwtVerificationKey.fromJwk(with(jwk, "alg", "RS256"))).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> JwtVerificationKey.fromJwk(with(jwk, "alg", "EdDSA"))).isInstanceOf(CryptoException.class);
  }

  @Test
  void encryptionKeys_areRefusedForSignatures() throws Exception {
    String jwk = TestKeys.key(JwtAlgorithm.EDDSA).verificationKey().exportPublicJwk();
    assertThatThrownBy(() -> JwtVerificationKey.fromJwk(with(jwk, "use", "enc"))).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> JwtVerificationKey.fromJwk(with(jwk, "key_ops", java.util.List.of("encrypt")))).isInstanceOf(CryptoException.class);
    assertThat(JwtVerificationKey.fromJwk(with(jwk, "key_ops", java.util.List.of("verify"))).algorithm()).isEqualTo(JwtAlgorithm.EDDSA);
  }

  @Test
  void shortHmacSecret_isRefused() {
    // 31 bytes: RFC 7518 §3.2 asks for at least the hash size (Wycheproof json_web_key "short_hs256_key").
    String shortKey = "{\"kty\":\"oct\",\"alg\":\"HS256\",\"k\":\"" + Forge.b64(new byte[31]) + "\"}";
    assertThatThrownBy(() -> JwtVerificationKey.fromJwk(shortKey)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> JwtVerificationKey.fromJwk("{\"kty\":\"oct\",\"alg\":\"HS256\",\"k\":\"\"}")).isInstanceOf(CryptoException.class);
  }

  @Test
  void inconsistentPrivateJwk_isRefused() throws Exception {
    String a = TestKeys.key(JwtAlgorithm.EDDSA).insecureExportPrivateJwk();
    String b = JwtSigningKey.generate(JwtAlgorithm.EDDSA, "other").verificationKey().exportPublicJwk();
    String mixed = with(a, "x", JSONObjectUtils.parse(b).get("x"));
    assertThatThrownBy(() -> JwtSigningKey.fromJwk(mixed)).isInstanceOf(CryptoException.class);
    String mlDsa = TestKeys.key(JwtAlgorithm.ML_DSA_65).insecureExportPrivateJwk();
    String otherSeed = with(mlDsa, "priv", Forge.b64(new byte[32]));
    assertThatThrownBy(() -> JwtSigningKey.fromJwk(otherSeed)).isInstanceOf(CryptoException.class);
  }

  @Test
  void jwkSet_skipsUnusableKeys_butRefusesDuplicateKidsAndEmptySets() throws Exception {
    String ed = TestKeys.key(JwtAlgorithm.EDDSA).verificationKey().exportPublicJwk();
    String es = TestKeys.key(JwtAlgorithm.ES256).verificationKey().exportPublicJwk();
    String encKey = with(es, "use", "enc");
    String noAlg = with(with(es, "alg", null), "kid", "no-alg");
    JwkSet set = JwkSet.parse("{\"keys\":[" + ed + "," + encKey + "," + noAlg + "]}");
    assertThat(set.keys()).hasSize(1);
    assertThat(set.skippedKeys()).isEqualTo(2);
    assertThatThrownBy(() -> JwkSet.parse("{\"keys\":[" + ed + "," + with(es, "kid", "test-EdDSA") + "]}"))
        .isInstanceOf(CryptoException.class).hasMessageContaining("kid");
    assertThatThrownBy(() -> JwkSet.parse("{\"keys\":[]}")).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> JwkSet.parse("{\"keys\":{}}")).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> JwkSet.parse("{\"keys\":[" + with(ed, "x", "AAAA") + "]}")).isInstanceOf(CryptoException.class);
  }
}
