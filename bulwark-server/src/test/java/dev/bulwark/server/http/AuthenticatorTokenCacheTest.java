package dev.bulwark.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.apikey.ApiKeys;
import dev.bulwark.auth.apikey.InMemoryApiKeyStore;
import dev.bulwark.auth.jwt.JwtAlgorithm;
import dev.bulwark.auth.jwt.JwtClaims;
import dev.bulwark.auth.jwt.JwtSigner;
import dev.bulwark.auth.jwt.JwtSigningKey;
import dev.bulwark.auth.jwt.JwtVerifier;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.accounts.MutableClock;
import dev.bulwark.server.keys.JwtKeys;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The verified-token cache in front of the JWT verifier: what it may and must not answer. */
class AuthenticatorTokenCacheTest {
  private final MutableClock clock = new MutableClock();
  private final JwtSigningKey key = JwtSigningKey.generate(JwtAlgorithm.EDDSA, "k-test");
  private final Set<String> liveSessions = ConcurrentHashMap.newKeySet();
  private final VerifiedTokens cache = new VerifiedTokens(clock, 100);
  private final Authenticator authenticator = authenticator(key, cache);

  private Authenticator authenticator(JwtSigningKey trusted, VerifiedTokens tokens) {
    JwtVerifier verifier = JwtVerifier.builder(trusted.verificationKey())
        .requireIssuer(JwtKeys.ISSUER).requireAudience(JwtKeys.AUDIENCE).clock(clock).build();
    ApiKeys apiKeys = ApiKeys.create(new InMemoryApiKeyStore(10));
    return new Authenticator(apiKeys, verifier, liveSessions::contains, tokens);
  }

  private String token(JwtSigningKey signer, String account, String session, String audience) throws CryptoException {
    JwtClaims claims = JwtClaims.builder().issuer(JwtKeys.ISSUER).audience(audience).subject(account)
        .claim("sid", session).scopes("secrets:read")
        .issuedAt(clock.instant()).expiresAt(clock.instant().plus(JwtKeys.ACCESS_TOKEN_LIFETIME)).build();
    return JwtSigner.create(signer, clock).sign(claims);
  }

  private String token(String account, String session) throws CryptoException {
    liveSessions.add(session);
    return token(key, account, session, JwtKeys.AUDIENCE);
  }

  private static void assertRejected(Authenticator authenticator, String token) {
    assertThatThrownBy(() -> authenticator.authenticate("Bearer " + token))
        .isInstanceOfSatisfying(PublicError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED));
  }

  @Test
  void aVerifiedToken_isRemembered_andAHitAnswersTheSamePrincipal() throws Exception {
    String token = token("acct-1", "sess-1");
    Principal first = authenticator.authenticate("Bearer " + token);
    assertThat(cache.size()).isEqualTo(1);
    // Another authenticator that shares the cache but trusts another key can only accept the
    // token from the cache: this is what proves the second request skipped the verifier.
    Authenticator otherKey = authenticator(JwtSigningKey.generate(JwtAlgorithm.EDDSA, "k-other"), cache);
    Principal second = otherKey.authenticate("Bearer " + token);
    assertThat(second).isEqualTo(first);
    assertThat(second.accountId()).isEqualTo("acct-1");
    assertThat(second.credentialId()).isEqualTo("sess-1");
    assertThat(second.kind()).isEqualTo(Principal.Kind.SESSION);
    assertThat(second.scopes()).containsExactly(Scope.SECRETS_READ);
    assertRejected(otherKey, token("acct-1", "sess-2"));
  }

  @Test
  void aRevokedSession_isRejected_thoughItsTokenIsCached() throws Exception {
    String token = token("acct-1", "sess-1");
    authenticator.authenticate("Bearer " + token);
    assertThat(cache.size()).isEqualTo(1);
    liveSessions.remove("sess-1");
    assertRejected(authenticator, token);
  }

  @Test
  void anExpiredToken_isRejected_thoughCached() throws Exception {
    String token = token("acct-1", "sess-1");
    authenticator.authenticate("Bearer " + token);
    Authenticator otherKey = authenticator(JwtSigningKey.generate(JwtAlgorithm.EDDSA, "k-other"), cache);
    clock.advance(JwtKeys.ACCESS_TOKEN_LIFETIME);
    // At exp the cache no longer answers (the other-key authenticator would accept only from it)...
    assertRejected(otherKey, token);
    // ...and past the verifier's clock-skew allowance the token is refused outright.
    clock.advance(JwtVerifier.DEFAULT_MAX_CLOCK_SKEW.plus(Duration.ofSeconds(1)));
    assertRejected(authenticator, token);
    assertThat(cache.size()).isZero();
  }

  @Test
  void aTokenDifferingInOneCharacter_isNotAHit() throws Exception {
    String token = token("acct-1", "sess-1");
    authenticator.authenticate("Bearer " + token);
    int payloadStart = token.indexOf('.') + 1;
    int signatureStart = token.lastIndexOf('.') + 1;
    for (int at : new int[] {payloadStart + 5, signatureStart + 3, token.length() - 2}) {
      char c = token.charAt(at);
      String altered = token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
      assertRejected(authenticator, altered);
    }
    assertRejected(authenticator, token + "A");
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void aTokenThatFailsVerification_isNeverCached() throws Exception {
    liveSessions.add("sess-1");
    assertRejected(authenticator, token(key, "acct-1", "sess-1", "another-api"));
    assertRejected(authenticator, token(JwtSigningKey.generate(JwtAlgorithm.EDDSA, "k-forged"), "acct-1", "sess-1",
        JwtKeys.AUDIENCE));
    assertRejected(authenticator, token(key, "acct-1", "sess-dead", JwtKeys.AUDIENCE));
    assertThat(cache.size()).isZero();
  }

  @Test
  void theBoundHolds() throws Exception {
    VerifiedTokens small = new VerifiedTokens(clock, 5);
    Authenticator bounded = authenticator(key, small);
    for (int i = 0; i < 40; i++) {
      assertThat(bounded.authenticate("Bearer " + token("acct-" + i, "sess-" + i)).accountId()).isEqualTo("acct-" + i);
      assertThat(small.size()).isLessThanOrEqualTo(5);
    }
  }

  @Test
  void whenFull_expiredEntriesGoFirst() throws Exception {
    VerifiedTokens small = new VerifiedTokens(clock, 3);
    Authenticator bounded = authenticator(key, small);
    bounded.authenticate("Bearer " + token("old-1", "sess-old-1"));
    bounded.authenticate("Bearer " + token("old-2", "sess-old-2"));
    clock.advance(JwtKeys.ACCESS_TOKEN_LIFETIME.plusSeconds(1));
    String fresh1 = token("new-1", "sess-new-1");
    String fresh2 = token("new-2", "sess-new-2");
    bounded.authenticate("Bearer " + fresh1);
    bounded.authenticate("Bearer " + fresh2);
    assertThat(small.size()).isEqualTo(2);
    Authenticator fromCacheOnly = authenticator(JwtSigningKey.generate(JwtAlgorithm.EDDSA, "k-other"), small);
    assertThat(fromCacheOnly.authenticate("Bearer " + fresh1).accountId()).isEqualTo("new-1");
    assertThat(fromCacheOnly.authenticate("Bearer " + fresh2).accountId()).isEqualTo("new-2");
  }

  @Test
  void theCacheRejectsABadBound() {
    assertThatThrownBy(() -> new VerifiedTokens(clock, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
