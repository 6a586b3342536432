package dev.bulwark.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Fuzzes {@link JwtVerifier#verify}: the only documented failure is {@link InvalidTokenException},
 * whose message never echoes the token. Half the inputs are raw token strings; the other half are a
 * fuzzed header and payload signed with the real HS256 key, so the header policy, the JSON bounds and
 * the claims checks behind the signature are reached too. A token that verifies must satisfy every
 * rule the verifier promises.
 */
class JwtVerifyFuzzTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final JwtSigningKey HMAC = JwtSigningKey.generate(JwtAlgorithm.HS256, "h");
  private static final JwtSigningKey ED = JwtSigningKey.generate(JwtAlgorithm.EDDSA, "e");
  private static final JwtVerifier VERIFIER =
      JwtVerifier.builder(HMAC.verificationKey(), ED.verificationKey())
          .requireIssuer("iss")
          .requireAudience("aud")
          .requireScopes("read")
          .clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .build();

  @FuzzTest
  void verify_throwsOnlyInvalidTokenException(FuzzedDataProvider data) {
    String token;
    if (data.consumeBoolean()) {
      String header = data.consumeString(200);
      String payload = data.consumeRemainingAsString();
      token = Forge.signed(HMAC, header, payload);
    } else {
      token = data.consumeRemainingAsString();
    }
    try {
      VerifiedJwt jwt = VERIFIER.verify(token);
      assertThat(jwt.issuer()).isEqualTo("iss");
      assertThat(jwt.audiences()).contains("aud");
      assertThat(jwt.scopes()).contains("read");
      assertThat(jwt.expiresAt()).isAfter(NOW.minusSeconds(61));
    } catch (InvalidTokenException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      if (token.length() > 16) {
        assertThat(expected.getMessage()).doesNotContain(token);
      }
    }
  }
}
