package dev.bulwark.auth.jwt;

import java.util.Optional;

/**
 * The JWS algorithms Bulwark issues and verifies (RFC 7518, RFC 8037, RFC 9964). Each {@link
 * JwtSigningKey} and {@link JwtVerificationKey} is pinned to exactly one of them: a token whose
 * {@code alg} header names another algorithm is rejected before any signature is checked, which
 * closes the {@code none} and RS256-to-HS256 key-confusion attacks.
 *
 * <ul>
 *   <li>{@link #EDDSA}: Ed25519 (RFC 8037), Bouncy Castle's implementation. The default.
 *   <li>{@link #ES256}: ECDSA P-256 / SHA-256, the fixed 64-byte {@code r||s} signature.
 *   <li>{@link #PS256}: RSASSA-PSS, SHA-256, MGF1-SHA-256, 32-byte salt.
 *   <li>{@link #RS256}: RSASSA-PKCS1-v1_5 / SHA-256, for interoperability with systems that know no
 *       better; prefer {@link #PS256} or {@link #EDDSA}.
 *   <li>{@link #HS256}: HMAC-SHA-256 with a shared secret of at least 32 bytes. Only for deployments
 *       where the issuer and every verifier are the same party: anyone who can verify can also mint.
 *   <li>{@link #ML_DSA_65}: FIPS 204 ML-DSA-65 (post-quantum, RFC 9964 {@code alg} name), on the JDK's
 *       own {@code SUN} provider, selected explicitly. Opt-in: signatures are 3,309 bytes.
 * </ul>
 */
public enum JwtAlgorithm {
  EDDSA("EdDSA"),
  ES256("ES256"),
  PS256("PS256"),
  RS256("RS256"),
  HS256("HS256"),
  ML_DSA_65("ML-DSA-65");

  private final String joseName;

  JwtAlgorithm(String joseName) {
    this.joseName = joseName;
  }

  /** The {@code alg} header and JWK value (for example {@code "EdDSA"}). */
  public String joseName() {
    return joseName;
  }

  /** Whether keys of this algorithm are shared secrets (no public part to publish). */
  public boolean symmetric() {
    return this == HS256;
  }

  /** The algorithm with this exact JOSE {@code alg} name, if Bulwark supports it. */
  public static Optional<JwtAlgorithm> fromJoseName(String name) {
    for (JwtAlgorithm algorithm : values()) {
      if (algorithm.joseName.equals(name)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }
}
