package dev.bulwark.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.bulwark.auth.jwt.InvalidTokenException.Reason;
import dev.bulwark.testkit.Python;
import dev.bulwark.testkit.Requirements;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens interoperate both ways with PyJWT (the system python3's {@code jwt}) for EdDSA, ES256, PS256, RS256. */
class PyJwtInteropTest {
  private static final List<JwtAlgorithm> ALGORITHMS =
      List.of(JwtAlgorithm.EDDSA, JwtAlgorithm.ES256, JwtAlgorithm.PS256, JwtAlgorithm.RS256);
  private static final String ISS = "https://id.example";
  private static final String AUD = "files-api";

  private static final String PYJWT_VERIFY =
      """
      import sys, json, jwt
      for line in sys.stdin.read().splitlines():
          alg, jwk, token = line.split("\\t")
          key = jwt.PyJWK(json.loads(jwk)).key
          try:
              claims = jwt.decode(token, key, algorithms=[alg], audience="files-api", issuer="https://id.example")
              print("ok " + claims["sub"] + " " + claims["scope"])
          except jwt.InvalidTokenError as e:
              print("rejected " + type(e).__name__)
      """;

  private static final String PYJWT_SIGN =
      """
      import sys, json, time, jwt
      from jwt.algorithms import get_default_algorithms
      from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
      algs = get_default_algorithms()
      now = int(time.time())
      claims = {"iss": "https://id.example", "aud": "files-api", "sub": "py-user", "scope": "read:files", "iat": now, "exp": now + 300}
      for alg in sys.stdin.read().split():
          if alg == "EdDSA":
              key = ed25519.Ed25519PrivateKey.generate()
          elif alg == "ES256":
              key = ec.generate_private_key(ec.SECP256R1())
          else:
              key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
          jwk = json.loads(algs[alg].to_jwk(key.public_key()))
          jwk["alg"] = alg
          jwk["kid"] = "py-" + alg
          token = jwt.encode(claims, key, algorithm=alg, headers={"kid": jwk["kid"]})
          print(alg + "\\t" + json.dumps(jwk) + "\\t" + token)
      """;

  @Test
  void tokensSignedHere_verifyInPyJwt_andTamperedOnesAreRejectedThere() throws Exception {
    Python python = Requirements.python("jwt", "cryptography");
    StringBuilder input = new StringBuilder();
    for (JwtAlgorithm algorithm : ALGORITHMS) {
      JwtSigningKey key = TestKeys.key(algorithm);
      String token = JwtSigner.create(key).sign(JwtClaims.builder().issuer(ISS).audience(AUD).subject("java-user")
          .scopes("read:files", "write:files").expiresAt(Instant.now().plus(Duration.ofMinutes(5))).build());
      String jwk = key.verificationKey().exportPublicJwk();
      input.append(algorithm.joseName()).append('\t').append(jwk).append('\t').append(token).append('\n');
      String[] parts = token.split("\\.");
      String tampered = parts[0] + "." + Forge.b64("{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"sub\":\"admin\",\"scope\":\"x\",\"exp\":9999999999}") + "." + parts[2];
      input.append(algorithm.joseName()).append('\t').append(jwk).append('\t').append(tampered).append('\n');
    }
    List<String> answers = python.runText(PYJWT_VERIFY, input.toString()).lines().toList();
    assertThat(answers).hasSize(2 * ALGORITHMS.size());
    for (int i = 0; i < ALGORITHMS.size(); i++) {
      assertThat(answers.get(2 * i)).as(ALGORITHMS.get(i).name()).isEqualTo("ok java-user read:files write:files");
      assertThat(answers.get(2 * i + 1)).as(ALGORITHMS.get(i).name()).isEqualTo("rejected InvalidSignatureError");
    }
    System.out.println("[interop] Bulwark -> PyJWT: " + ALGORITHMS.size() + " algorithms verified, tampered tokens rejected");
  }

  @Test
  void tokensSignedByPyJwt_verifyHere_andOnlyUnderTheirPinnedAlgorithm() throws Exception {
    Python python = Requirements.python("jwt", "cryptography");
    String names = String.join(" ", ALGORITHMS.stream().map(JwtAlgorithm::joseName).toList());
    List<String> lines = python.runText(PYJWT_SIGN, names).lines().toList();
    assertThat(lines).hasSize(ALGORITHMS.size());
    for (String line : lines) {
      String[] f = line.split("\t");
      JwtVerificationKey key = JwtVerificationKey.fromJwk(f[1]);
      assertThat(key.algorithm().joseName()).isEqualTo(f[0]);
      VerifiedJwt jwt = JwtVerifier.builder(key).requireIssuer(ISS).requireAudience(AUD).requireScopes("read:files").build().verify(f[2]);
      assertThat(jwt.subject()).contains("py-user");
      assertThat(jwt.keyId()).contains("py-" + f[0]);
      // The same key material pinned to another algorithm refuses the token.
      if (f[0].startsWith("PS") || f[0].startsWith("RS")) {
        Map<String, Object> other = JSONObjectUtils.parse(f[1]);
        other.put("alg", f[0].startsWith("PS") ? "RS256" : "PS256");
        JwtVerificationKey repinned = JwtVerificationKey.fromJwk(JSONObjectUtils.toJSONString(other));
        try {
          JwtVerifier.builder(repinned).requireIssuer(ISS).requireAudience(AUD).build().verify(f[2]);
          throw new AssertionError("token verified under a key pinned to another algorithm");
        } catch (InvalidTokenException e) {
          assertThat(e.reason()).isEqualTo(Reason.ALGORITHM);
        }
      }
    }
    System.out.println("[interop] PyJWT -> Bulwark: " + lines.size() + " algorithms verified");
  }
}
