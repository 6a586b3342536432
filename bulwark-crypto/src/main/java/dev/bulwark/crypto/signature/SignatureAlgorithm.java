package dev.bulwark.crypto.signature;

/**
 * The signature algorithms Bulwark supports. Each key is pinned to exactly one; a signature made
 * under one is never checked under another.
 *
 * <ul>
 *   <li>{@link #ED25519}: the default. RFC 8032 pure Ed25519 through Bouncy Castle's implementation
 *       (the JDK's is 16× slower on our CPUs; see PERF-TARGETS.md).
 *   <li>{@link #ECDSA_P256_SHA256} / {@link #ECDSA_P256_SHA256_P1363}: ECDSA over P-256 with SHA-256,
 *       signatures DER-encoded (X.509, TLS) or as the fixed 64-byte {@code r||s} (JOSE ES256, WebAuthn).
 *   <li>{@link #RSA_PSS_SHA256}: RSASSA-PSS, SHA-256, MGF1-SHA-256, 32-byte salt. New keys are 3072 or
 *       4096 bits; imported keys must have at least 2048.
 *   <li>{@link #LEGACY_RSA_PKCS1_SHA256}: RSASSA-PKCS1-v1_5 with SHA-256, <b>verify only</b>, for
 *       signatures made by systems we do not control. No signing key of this kind can exist.
 *   <li>{@link #ML_DSA_65}: FIPS 204 ML-DSA-65 (post-quantum), through the JDK's {@code SUN} provider,
 *       hedged signing, empty context string.
 * </ul>
 */
public enum SignatureAlgorithm {
  ED25519("EdDSA"),
  ECDSA_P256_SHA256("ES256"),
  ECDSA_P256_SHA256_P1363("ES256"),
  RSA_PSS_SHA256("PS256"),
  LEGACY_RSA_PKCS1_SHA256("RS256"),
  ML_DSA_65("ML-DSA-65");

  private final String jwkAlg;

  SignatureAlgorithm(String jwkAlg) {
    this.jwkAlg = jwkAlg;
  }

  /** The JOSE {@code alg} value a JWK of this algorithm carries (RFC 7518, RFC 8037, the JOSE ML-DSA draft). */
  public String jwkAlg() {
    return jwkAlg;
  }

  /** Whether keys of this algorithm can only verify (legacy algorithms). */
  public boolean verifyOnly() {
    return this == LEGACY_RSA_PKCS1_SHA256;
  }
}
