package dev.bulwark.auth.jwt;

import static dev.bulwark.auth.jwt.JwtVerifierTest.AUD;
import static dev.bulwark.auth.jwt.JwtVerifierTest.ISS;
import static dev.bulwark.auth.jwt.JwtVerifierTest.NOW;
import static dev.bulwark.auth.jwt.JwtVerifierTest.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.jwt.InvalidTokenException.Reason;
import dev.bulwark.crypto.CryptoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The verifier's header cache: a hit must mean exactly what the header checks would say again. */
class HeaderCacheTest {
  private static final String CLAIMS =
      "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}";
  private static final int MAX_CHARS = JwtVerifier.DEFAULT_MAX_TOKEN_CHARS;
  private static final int DEPTH = JwtVerifier.DEFAULT_MAX_JSON_DEPTH;

  private static final String HEADER = "{\"alg\":\"HS256\",\"kid\":\"test-HS256\"}";

  /** A cache that has seen one verified token with {@link #HEADER}; returns that token's header segment. */
  private static String warm(HeaderCache cache, JwtSigningKey key) throws InvalidTokenException {
    String token = Forge.signed(key, HEADER, CLAIMS);
    verify(token, key, cache);
    return segment(token);
  }

  private static String segment(String token) {
    return token.substring(0, token.indexOf('.'));
  }

  private static JwsCompact.Verified verify(String token, JwtSigningKey key, HeaderCache cache) throws InvalidTokenException {
    return JwsCompact.verify(token, List.of(key.verificationKey()), MAX_CHARS, DEPTH, cache);
  }

  private static Reason reason(String token, JwtSigningKey key, HeaderCache cache) {
    try {
      verify(token, key, cache);
    } catch (InvalidTokenException e) {
      return e.reason();
    }
    throw new AssertionError("token was accepted");
  }

  @Test
  void verifiedToken_hasItsHeaderRemembered() throws InvalidTokenException {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    HeaderCache cache = new HeaderCache();
    String segment = warm(cache, key);

    JwsCompact.Verified again = verify(Forge.signed(key, HEADER, CLAIMS), key, cache);

    assertThat(cache.find(segment)).isNotNull();
    assertThat(again.header()).containsEntry("alg", "HS256").containsEntry("kid", "test-HS256");
    assertThat(again.key()).isSameAs(key.verificationKey());
  }

  @Test
  void badSignature_leavesCacheEmpty() {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    JwtSigningKey other = JwtSigningKey.generate(JwtAlgorithm.HS256, "test-HS256");
    String forged = Forge.signed(other, HEADER, CLAIMS);
    HeaderCache cache = new HeaderCache();

    assertThat(reason(forged, key, cache)).isEqualTo(Reason.SIGNATURE);
    assertThat(cache.size()).isZero();
  }

  @Test
  void rejectedHeader_isNeverRemembered() {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    HeaderCache cache = new HeaderCache();

    assertThat(reason(Forge.signed(key, "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", CLAIMS), key, cache))
        .isEqualTo(Reason.FORBIDDEN_HEADER);
    assertThat(reason(Forge.signed(key, "{\"alg\":\"none\"}", CLAIMS), key, cache)).isEqualTo(Reason.ALGORITHM);
    assertThat(cache.size()).isZero();
  }

  @Test
  void headerDifferingInOneCharacter_isNotAHit() throws InvalidTokenException {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    HeaderCache cache = new HeaderCache();
    String cached = warm(cache, key);
    String token = Forge.signed(key, HEADER, CLAIMS);

    // Same length, last character changed: a different key, checked afresh (and never accepted).
    char last = cached.charAt(cached.length() - 1);
    String changed = cached.substring(0, cached.length() - 1) + (last == 'Q' ? 'R' : 'Q');
    assertThat(cache.find(changed)).isNull();
    assertThat(reason(changed + token.substring(cached.length()), key, cache)).isIn(Reason.MALFORMED, Reason.SIGNATURE);
    // One byte of the JSON changed (kid): checked afresh, and that kid is unknown to a key that has one.
    String otherKid = Forge.signed(key, "{\"alg\":\"HS256\",\"kid\":\"test-HS257\"}", CLAIMS);
    assertThat(cache.find(segment(otherKid))).isNull();
    assertThat(reason(otherKid, key, cache)).isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void cachedHeader_neverLetsATokenWithAnotherAlgPass() throws InvalidTokenException {
    JwtSigningKey es256 = TestKeys.key(JwtAlgorithm.ES256);
    HeaderCache cache = new HeaderCache();
    verify(Forge.signed(es256, "{\"alg\":\"ES256\",\"kid\":\"test-ES256\"}", CLAIMS), es256, cache);

    // The cached key's kid with another alg: the header differs, and pinning refuses it as before.
    JwtSigningKey confused = JwtSigningKey.generate(JwtAlgorithm.HS256, "test-ES256");
    String token = Forge.signed(confused, "{\"alg\":\"HS256\",\"kid\":\"test-ES256\"}", CLAIMS);
    assertThat(reason(token, es256, cache)).isEqualTo(Reason.ALGORITHM);
    assertThat(reason(Forge.signed(confused, "{\"alg\":\"none\",\"kid\":\"test-ES256\"}", CLAIMS), es256, cache))
        .isEqualTo(Reason.ALGORITHM);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void entryWhoseAlgDoesNotMatchItsKey_isStillRefused() {
    // Pinning does not rest on the cache being right: a corrupted entry is caught before the signature.
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    String token = Forge.signed(key, "{\"alg\":\"HS256\"}", CLAIMS);
    HeaderCache cache = new HeaderCache();
    cache.remember(segment(token), new HeaderCache.Checked(Map.<String, Object>of("alg", "ES256"), key.verificationKey()));

    assertThat(reason(token, key, cache)).isEqualTo(Reason.ALGORITHM);
  }

  @Test
  void cache_staysWithinItsBound() {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    HeaderCache cache = new HeaderCache();
    HeaderCache.Checked checked = new HeaderCache.Checked(Map.<String, Object>of("alg", "HS256"), key.verificationKey());
    for (int i = 0; i < 5 * HeaderCache.MAX_ENTRIES; i++) {
      cache.remember("segment-" + i, checked);
      assertThat(cache.size()).isBetween(1, HeaderCache.MAX_ENTRIES);
    }
    assertThat(cache.find("segment-" + (5 * HeaderCache.MAX_ENTRIES - 1))).isSameAs(checked);

    String huge = "h".repeat(HeaderCache.MAX_SEGMENT_CHARS + 1);
    cache.remember(huge, checked);
    assertThat(cache.find(huge)).isNull();
  }

  @Test
  void verifier_acceptsManyHeadersAndKeepsRejectingBadOnes() throws CryptoException {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    JwtVerifier verifier = JwtVerifierTest.verifier(key).build();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 3 * HeaderCache.MAX_ENTRIES; i++) {
        String token = Forge.signed(key, "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"n\":" + i + "}", CLAIMS);
        assertThat(verifier.verify(token).issuer()).isEqualTo(ISS);
      }
    }
    String typed = Forge.signed(key, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", CLAIMS);
    verifier.verify(typed);
    assertThat(reasonOf(verifier, Forge.signed(key, "{\"alg\":\"HS256\",\"typ\":\"JOSE+JSON\"}", CLAIMS)))
        .isEqualTo(Reason.TYPE);
    assertThat(reasonOf(verifier, Forge.signed(key, "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"jku\":\"https://x\"}", CLAIMS)))
        .isEqualTo(Reason.FORBIDDEN_HEADER);
    // A verified header does not carry a past token's claims: expiry is checked per token.
    String expired = Forge.signed(key, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
        "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\",\"exp\":" + NOW.minusSeconds(3600).getEpochSecond() + "}");
    assertThat(reasonOf(verifier, expired)).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void concurrentVerifiers_shareTheCacheSafely() throws Exception {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    JwtSigningKey stranger = JwtSigningKey.generate(JwtAlgorithm.HS256, "test-HS256");
    JwtVerifier verifier = JwtVerifierTest.verifier(key).build();
    List<String> good = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < 2 * HeaderCache.MAX_ENTRIES; i++) {
      String header = "{\"alg\":\"HS256\",\"n\":" + i + "}";
      good.add(Forge.signed(key, header, CLAIMS));
      bad.add(Forge.signed(stranger, header, CLAIMS));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          int accepted = 0;
          for (int round = 0; round < 20; round++) {
            for (int i = 0; i < good.size(); i++) {
              verifier.verify(good.get(i));
              accepted++;
              assertThat(reasonOf(verifier, bad.get(i))).isEqualTo(Reason.SIGNATURE);
            }
          }
          return accepted;
        }));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get()).isEqualTo(20 * good.size());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void tokenWithoutAnyHeader_isStillMalformedWithAWarmCache() throws InvalidTokenException {
    JwtSigningKey key = TestKeys.key(JwtAlgorithm.HS256);
    String token = Forge.signed(key, "{\"alg\":\"HS256\"}", CLAIMS);
    HeaderCache cache = new HeaderCache();
    verify(token, key, cache);
    assertThatThrownBy(() -> verify(token.substring(token.indexOf('.')), key, cache))
        .isInstanceOf(InvalidTokenException.class)
        .extracting(e -> ((InvalidTokenException) e).reason())
        .isEqualTo(Reason.MALFORMED);
  }
}
