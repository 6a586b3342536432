package dev.bulwark.auth.jwt;

import java.util.EnumMap;
import java.util.Map;

/** One generated signing key per algorithm, shared by the tests (RSA and ML-DSA key generation is slow). */
final class TestKeys {
  private static final Map<JwtAlgorithm, JwtSigningKey> KEYS = new EnumMap<>(JwtAlgorithm.class);

  private TestKeys() {}

  static synchronized JwtSigningKey key(JwtAlgorithm algorithm) {
    return KEYS.computeIfAbsent(algorithm, a -> JwtSigningKey.generate(a, "test-" + a.joseName()));
  }
}
