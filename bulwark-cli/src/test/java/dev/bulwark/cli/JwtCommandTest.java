package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.Python;
import dev.bulwark.testkit.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtCommandTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private Path keygen(String alg, String kid) throws IOException {
    RawCliRun run = RawCliRun.inProcess("", "jwt", "keygen", "--alg", alg, "--kid", kid);
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains("\"alg\":\"" + alg + "\"").contains("\"kid\":\"" + kid + "\"").hasLineCount(1);
    return write(kid + ".jwk", run.stdout());
  }

  private static String claims(long exp) {
    return "{\"iss\":\"https://id.example\",\"aud\":\"api\",\"sub\":\"u1\",\"scope\":\"read write\",\"exp\":" + exp + "}";
  }

  @Test
  void keygenSignVerify_roundTripForEveryAlgorithm() throws IOException {
    for (String alg : List.of("EdDSA", "ES256", "PS256", "RS256", "HS256", "ML-DSA-65")) {
      Path key = keygen(alg, "k-" + alg);
      Path claims = write("claims.json", claims(Instant.now().getEpochSecond() + 300));
      RawCliRun signed = RawCliRun.inProcess("", "jwt", "sign", "--key-file", key.toString(), "--claims-file", claims.toString());
      assertThat(signed.exitCode()).as(alg + signed.stderr()).isZero();
      String token = signed.stdout().strip();
      assertThat(token.split("\\.")).hasSize(3);
      RawCliRun verified = RawCliRun.inProcess(token + "\n", "jwt", "verify", "--key-file", key.toString(),
          "--iss", "https://id.example", "--aud", "api", "--scope", "read", "--scope", "write");
      assertThat(verified.exitCode()).as(alg + verified.stderr()).isZero();
      assertThat(verified.stdout()).contains("\"sub\":\"u1\"");
    }
  }

  @Test
  void verify_invalidToken_exits1_withReason_andNoStackTrace() throws IOException {
    Path key = keygen("EdDSA", "k1");
    String token = RawCliRun.inProcess(claims(Instant.now().getEpochSecond() + 300), "jwt", "sign", "--key-file", key.toString(),
        "--claims-file", "-").stdout().strip();
    RawCliRun wrongAud = RawCliRun.inProcess(token, "jwt", "verify", "--key-file", key.toString(), "--iss", "https://id.example", "--aud", "other");
    assertThat(wrongAud.exitCode()).isEqualTo(1);
    assertThat(wrongAud.stdout()).isEmpty();
    assertThat(wrongAud.stderr()).startsWith("bulwark jwt verify: invalid token: AUDIENCE").hasLineCount(1).doesNotContain("at dev.");
    RawCliRun missingScope = RawCliRun.inProcess(token, "jwt", "verify", "--key-file", key.toString(), "--iss", "https://id.example", "--aud", "api", "--scope", "admin");
    assertThat(missingScope.exitCode()).isEqualTo(1);
    assertThat(missingScope.stderr()).contains("SCOPE");
    RawCliRun tampered = RawCliRun.inProcess(token.substring(0, token.length() - 3) + "AAA", "jwt", "verify", "--key-file", key.toString(), "--iss", "https://id.example", "--aud", "api");
    assertThat(tampered.exitCode()).isEqualTo(1);
    RawCliRun garbage = RawCliRun.inProcess("not a token", "jwt", "verify", "--key-file", key.toString(), "--iss", "https://id.example", "--aud", "api");
    assertThat(garbage.exitCode()).isEqualTo(1);
    assertThat(garbage.stderr()).contains("MALFORMED");
  }

  @Test
  void sign_expiredClaims_andBadKeyFiles_exit2() throws IOException {
    Path key = keygen("ES256", "k2");
    RawCliRun expired = RawCliRun.inProcess(claims(1000), "jwt", "sign", "--key-file", key.toString(), "--claims-file", "-");
    assertThat(expired.exitCode()).isEqualTo(2);
    Path notJwk = write("bad.jwk", "{\"kty\":\"EC\"}");
    assertThat(RawCliRun.inProcess(claims(1L << 33), "jwt", "sign", "--key-file", notJwk.toString(), "--claims-file", "-").exitCode()).isEqualTo(2);
    RawCliRun missing = RawCliRun.inProcess("x", "jwt", "verify", "--key-file", dir.resolve("nope").toString(), "--iss", "i", "--aud", "a");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.stderr()).hasLineCount(1);
    assertThat(RawCliRun.inProcess("", "jwt", "keygen", "--alg", "none").exitCode()).isEqualTo(2);
    assertThat(RawCliRun.inProcess("", "jwt", "keygen", "--alg", "HS512").exitCode()).isEqualTo(2);
    assertThat(RawCliRun.inProcess("", "jwt", "verify", "--key-file", key.toString()).exitCode()).isEqualTo(2);
  }

  @Test
  void sign_withoutExp_addsTtl() throws IOException {
    Path key = keygen("HS256", "k3");
    String token = RawCliRun.inProcess("{\"iss\":\"i\",\"aud\":\"a\"}", "jwt", "sign", "--key-file", key.toString(), "--claims-file", "-", "--ttl", "60")
        .stdout().strip();
    RawCliRun verified = RawCliRun.inProcess(token, "jwt", "verify", "--key-file", key.toString(), "--iss", "i", "--aud", "a");
    assertThat(verified.exitCode()).as(verified.stderr()).isZero();
    assertThat(verified.stdout()).contains("\"exp\":");
  }

  @Test
  void verify_acceptsAJwks_andPyJwtVerifiesTokensFromTheCli() throws IOException {
    Path key = keygen("EdDSA", "k4");
    String token = RawCliRun.inProcess(claims(Instant.now().getEpochSecond() + 300), "jwt", "sign", "--key-file", key.toString(), "--claims-file", "-")
        .stdout().strip();
    String publicJwk = Files.readString(key).replaceAll(",\"d\":\"[^\"]+\"", "");
    Path jwks = write("jwks.json", "{\"keys\":[" + publicJwk.strip() + "]}");
    RawCliRun verified = RawCliRun.inProcess(token, "jwt", "verify", "--key-file", jwks.toString(), "--iss", "https://id.example", "--aud", "api");
    assertThat(verified.exitCode()).as(verified.stderr()).isZero();

    Python python = Requirements.python("jwt", "cryptography");
    String script = "import sys, json, jwt\n"
        + "jwk, token = sys.stdin.read().split('\\n')[:2]\n"
        + "print(jwt.decode(token, jwt.PyJWK(json.loads(jwk)).key, algorithms=['EdDSA'], audience='api', issuer='https://id.example')['sub'])\n";
    assertThat(python.runText(script, publicJwk.strip() + "\n" + token + "\n").strip()).isEqualTo("u1");
  }
}
