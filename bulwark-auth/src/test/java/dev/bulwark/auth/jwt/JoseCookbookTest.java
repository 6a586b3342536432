package dev.bulwark.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.auth.jwt.InvalidTokenException.Reason;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.testkit.Requirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 7520 (JOSE cookbook) §4 and the RFC 8037 Ed25519 example: every compact JWS of a supported
 * algorithm verifies, deterministic ones (RS256, HS256, EdDSA) are reproduced byte for byte by our
 * signing keys, and the others are refused for the documented reason.
 */
class JoseCookbookTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode example(String file) throws IOException {
    Path path = Requirements.vectors("jose/" + file);
    return MAPPER.readTree(path.toFile());
  }

  /** The example's key with its {@code alg} pinned (cookbook keys mostly leave alg to the header). */
  private static String pinnedKey(JsonNode example) {
    ObjectNode key = ((ObjectNode) example.at("/input/key")).deepCopy();
    key.put("alg", example.at("/input/alg").asText());
    return key.toString();
  }

  private static JwsCompact.Verified verify(JsonNode example) throws CryptoException {
    JwtVerificationKey key = JwtVerificationKey.fromJwk(pinnedKey(example));
    return JwsCompact.verify(example.at("/output/compact").asText(), List.of(key), 65536, 8);
  }

  private static void reproduces(JsonNode example) throws CryptoException {
    JwtSigningKey key = JwtSigningKey.fromJwk(pinnedKey(example));
    byte[] input = example.at("/signing/sig-input").asText().getBytes(StandardCharsets.US_ASCII);
    String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(key.sign(input));
    assertThat(signature).isEqualTo(example.at("/signing/sig").asText());
  }

  @Test
  void rs256_4_1_verifiesAndIsReproduced() throws Exception {
    JsonNode example = example("jws/4_1.rsa_v15_signature.json");
    assertThat(new String(verify(example).payload(), StandardCharsets.UTF_8)).isEqualTo(example.at("/input/payload").asText());
    reproduces(example);
  }

  @Test
  void hs256_4_4_verifiesAndIsReproduced() throws Exception {
    JsonNode example = example("jws/4_4.hmac-sha2_integrity_protection.json");
    assertThat(verify(example).key().algorithm()).isEqualTo(JwtAlgorithm.HS256);
    reproduces(example);
  }

  @Test
  void eddsa_rfc8037_verifiesAndIsReproduced() throws Exception {
    JsonNode example = example("curve25519/jws.json");
    assertThat(verify(example).key().algorithm()).isEqualTo(JwtAlgorithm.EDDSA);
    reproduces(example);
  }

  @Test
  void ps384_4_2_and_es512_4_3_areRefusedAtKeyImport() throws Exception {
    for (String file : List.of("jws/4_2.rsa-pss_signature.json", "jws/4_3.ecdsa_signature.json")) {
      JsonNode example = example(file);
      assertThatThrownBy(() -> verify(example)).as(file).isInstanceOf(CryptoException.class)
          .isNotInstanceOf(InvalidTokenException.class);
    }
  }

  @Test
  void detachedContent_4_5_doesNotVerifyAsCompact() throws Exception {
    JsonNode example = example("jws/4_5.signature_with_detached_content.json");
    assertThatThrownBy(() -> verify(example)).isInstanceOf(InvalidTokenException.class)
        .satisfies(e -> assertThat(((InvalidTokenException) e).reason()).isEqualTo(Reason.SIGNATURE));
  }

  @Test
  void unencodedPayload_rfc7797_isRefusedByItsCritHeader() throws Exception {
    JsonNode example = example("rfc7797/hmac-sha2_b64_false.json");
    assertThatThrownBy(() -> verify(example)).isInstanceOf(InvalidTokenException.class)
        .satisfies(e -> assertThat(((InvalidTokenException) e).reason()).isEqualTo(Reason.FORBIDDEN_HEADER));
  }

  @Test
  void tamperedCookbookToken_isRejected() throws Exception {
    JsonNode example = example("jws/4_4.hmac-sha2_integrity_protection.json");
    ObjectNode output = (ObjectNode) example.get("output");
    String compact = output.get("compact").asText();
    String[] parts = compact.split("\\.");
    output.put("compact", parts[0] + "." + parts[1].substring(1) + "." + parts[2]);
    assertThatThrownBy(() -> verify(example)).isInstanceOf(InvalidTokenException.class);
  }
}
