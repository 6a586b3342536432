package dev.bulwark.bench.jwt;

import dev.bulwark.auth.jwt.JwtAlgorithm;
import dev.bulwark.auth.jwt.JwtClaims;
import dev.bulwark.auth.jwt.JwtSigner;
import dev.bulwark.auth.jwt.JwtSigningKey;
import dev.bulwark.crypto.CryptoException;
import java.time.Duration;
import java.time.Instant;

/**
 * The token every JWT benchmark verifies, the same shape as PyJWT's in bulwark-bench/python/pyjwt_bench.py:
 * iss, aud, sub, scope, iat, exp; verified with issuer, audience and expiry checks.
 */
final class JwtBenchmarkTokens {
  static final String ISSUER = "https://id.example";
  static final String AUDIENCE = "files-api";

  private JwtBenchmarkTokens() {}

  static JwtAlgorithm algorithm(String joseName) {
    return JwtAlgorithm.fromJoseName(joseName).orElseThrow(() -> new IllegalArgumentException(joseName));
  }

  static String token(JwtSigningKey key) throws CryptoException {
    return JwtSigner.create(key)
        .sign(JwtClaims.builder().issuer(ISSUER).audience(AUDIENCE).subject("user-42").scopes("read:files")
            .expiresAt(Instant.now().plus(Duration.ofDays(1))).build());
  }
}
