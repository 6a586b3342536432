package dev.bulwark.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.testkit.Wycheproof;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof's JSON Web Signature vectors: each case gives a key (JWK or JWK set) and a JWS; "valid"
 * must verify through our key import and JWS layer, "invalid" must be rejected by one of them. JWE
 * cases are counted as skipped (Bulwark has no JWE).
 */
class JwsWycheproofTest {
  /**
   * Valid upstream, rejected here on purpose. Algorithms Bulwark does not offer (RS384, RS512, PS384,
   * PS512, ES512 on P-521) are refused at key import: a verifier that accepts only what it can pin
   * rejects them, which is the safe side of "valid".
   */
  private static final String UNSUPPORTED = "algorithm Bulwark does not support (refused at key import)";

  /**
   * json_web_signature_test.json cases where Bulwark's answer differs from upstream, each on purpose:
   * <ul>
   *   <li>264-271, 320-328: RS384 / RS512 / PS384 / PS512, {@link #UNSUPPORTED}.
   *   <li>346, 347, 350, 351 (RFC 7520 Figures 20 and 27): a PS384 / ES512 token checked against a
   *       key whose {@code alg} says PS256 / ES521. Upstream accepts; Bulwark pins the key's
   *       algorithm, so a token naming another one is rejected (DESIGN.md §3).
   *   <li>367, 370 ("invalidBase64Padding"): the JWS string in the data is canonical, unpadded and
   *       byte-identical to a valid token of the same group (the padding the comment describes is
   *       not in the data), so it verifies.
   *   <li>372, 373: a {@code ?} inserted in the header / payload, marked "valid" upstream for
   *       decoders that skip foreign characters. Bulwark's base64url is strict (RFC 7515 §2): a
   *       character outside the alphabet makes the token malformed.
   * </ul>
   */
  private static final Map<Integer, String> SIGNATURE_DEVIATIONS = signatureDeviations();

  /** json_web_key_test.json: 14 and 15 are HS384 / HS512 key sets, {@link #UNSUPPORTED}. */
  private static final Map<Integer, String> KEY_DEVIATIONS = Map.of(14, UNSUPPORTED, 15, UNSUPPORTED);

  private static Map<Integer, String> signatureDeviations() {
    Map<Integer, String> map = new java.util.TreeMap<>();
    for (int id = 264; id <= 271; id++) {
      map.put(id, UNSUPPORTED);
    }
    for (int id : new int[] {320, 321, 322, 323, 325, 326, 327, 328}) {
      map.put(id, UNSUPPORTED);
    }
    for (int id : new int[] {346, 347, 350, 351}) {
      map.put(id, "token alg differs from the algorithm pinned to the key");
    }
    map.put(367, "data is a canonical valid token despite the comment");
    map.put(370, "data is a canonical valid token despite the comment");
    map.put(372, "strict base64url rejects a character outside the alphabet");
    map.put(373, "strict base64url rejects a character outside the alphabet");
    return map;
  }

  private static boolean verifies(JsonNode keyJson, String jws) throws Exception {
    List<JwtVerificationKey> keys;
    try {
      keys = keyJson.has("keys") ? JwkSet.parse(keyJson.toString()).keys() : List.of(JwtVerificationKey.fromJwk(keyJson.toString()));
    } catch (CryptoException rejectedKey) {
      return false;
    }
    try {
      JwsCompact.verify(jws, keys, JwtVerifier.MAX_TOKEN_CHARS_CAP, JwtVerifier.DEFAULT_MAX_JSON_DEPTH);
      return true;
    } catch (InvalidTokenException rejected) {
      return false;
    }
  }

  private static void run(String file, Map<Integer, String> expectedFailures) {
    Wycheproof suite = Wycheproof.load(file);
    for (Wycheproof.Case c : suite.cases()) {
      JsonNode key = c.group().has("public") ? c.group().get("public") : c.group().get("private");
      JsonNode jws = c.test().get("jws");
      if (jws == null) {
        suite.skip(c, "JWE");
        continue;
      }
      if (!jws.isTextual()) {
        // JSON serialization: Bulwark reads compact tokens only, so it must reject these.
        suite.check(c, () -> false);
        continue;
      }
      suite.check(c, () -> verifies(key, jws.asText()));
    }
    suite.assertAllPassed(expectedFailures);
  }

  @Test
  void jsonWebSignatureVectors() {
    run("json_web_signature_test.json", SIGNATURE_DEVIATIONS);
  }

  @Test
  void jsonWebKeyVectors() {
    run("json_web_key_test.json", KEY_DEVIATIONS);
  }

  @Test
  void jsonWebCryptoVectors() {
    run("json_web_crypto_test.json", Map.of());
  }
}
