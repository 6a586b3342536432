package dev.bulwark.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JwtSigningKeysetTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final Duration OVERLAP = Duration.ofHours(2);

  private static JwtVerifier verifierFromJwks(JwtSigningKeyset keys, Instant publishedAt, Instant now) throws CryptoException {
    JwkSet published = JwkSet.parse(keys.publicJwks(publishedAt).toJson());
    return JwtVerifier.builder(published).requireIssuer("iss").requireAudience("aud").clock(Clock.fixed(now, ZoneOffset.UTC)).build();
  }

  private static String token(JwtSigningKeyset keys, Instant at) throws CryptoException {
    return keys.signer(Clock.fixed(at, ZoneOffset.UTC))
        .sign(JwtClaims.builder().issuer("iss").audience("aud").expiresAt(at.plus(Duration.ofMinutes(90))).build());
  }

  @Test
  void rotation_keepsOldTokensVerifyingThroughTheOverlap_thenDropsTheOldKey() throws CryptoException {
    JwtSigningKeyset v1 = JwtSigningKeyset.create(JwtSigningKey.generate(JwtAlgorithm.EDDSA, "k1"), OVERLAP);
    String oldToken = token(v1, T0);
    Instant rotatedAt = T0.plus(Duration.ofMinutes(10));
    JwtSigningKeyset v2 = v1.rotate(JwtSigningKey.generate(JwtAlgorithm.EDDSA, "k2"), rotatedAt);
    String newToken = token(v2, rotatedAt);

    assertThat(v2.primary().keyId()).contains("k2");
    Instant later = rotatedAt.plus(Duration.ofMinutes(30));
    JwtVerifier during = verifierFromJwks(v2, later, later);
    assertThat(during.verify(oldToken).keyId()).contains("k1");
    assertThat(during.verify(newToken).keyId()).contains("k2");

    Instant afterOverlap = rotatedAt.plus(OVERLAP).plusSeconds(1);
    assertThat(v2.verificationKeys(afterOverlap)).extracting(k -> k.keyId().orElseThrow()).containsExactly("k2");
    assertThat(v2.publicJwks(afterOverlap).toJson()).doesNotContain("\"k1\"");
    JwtVerifier after = verifierFromJwks(v2, afterOverlap, rotatedAt.plus(Duration.ofMinutes(40)));
    assertThatThrownBy(() -> after.verify(oldToken)).isInstanceOf(InvalidTokenException.class)
        .satisfies(e -> assertThat(((InvalidTokenException) e).reason()).isEqualTo(InvalidTokenException.Reason.UNKNOWN_KEY));
  }

  @Test
  void publishedJwks_holdsNoPrivateMembers() {
    JwtSigningKeyset keys = JwtSigningKeyset.create(JwtSigningKey.generate(JwtAlgorithm.ES256, "k1"), OVERLAP)
        .rotate(JwtSigningKey.generate(JwtAlgorithm.RS256, "k2"), T0)
        .rotate(JwtSigningKey.generate(JwtAlgorithm.EDDSA, "k3"), T0.plusSeconds(60));
    String jwks = keys.publicJwks(T0.plusSeconds(120)).toJson();
    assertThat(jwks).contains("\"k1\"", "\"k2\"", "\"k3\"", "\"use\":\"sig\"")
        .doesNotContain("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"priv\"");
  }

  @Test
  void keyset_refusesKidlessReusedKidsAndBadOverlaps() {
    JwtSigningKey k1 = JwtSigningKey.generate(JwtAlgorithm.EDDSA, "k1");
    assertThatThrownBy(() -> JwtSigningKeyset.create(JwtSigningKey.generate(JwtAlgorithm.EDDSA, null), OVERLAP))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtSigningKeyset.create(k1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwtSigningKeyset.create(k1, Duration.ofDays(31))).isInstanceOf(IllegalArgumentException.class);
    JwtSigningKeyset keys = JwtSigningKeyset.create(k1, OVERLAP);
    assertThatThrownBy(() -> keys.rotate(JwtSigningKey.generate(JwtAlgorithm.EDDSA, "k1"), T0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hs256Keys_areNeverPublished() {
    JwtSigningKeyset keys = JwtSigningKeyset.create(JwtSigningKey.generate(JwtAlgorithm.HS256, "h1"), OVERLAP);
    assertThatThrownBy(() -> keys.publicJwks(T0).toJson()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> keys.primary().verificationKey().exportPublicJwk()).isInstanceOf(IllegalStateException.class);
  }
}
