package dev.bulwark.auth.jwt;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.signature.PublicKeyVerify;
import dev.bulwark.crypto.signature.VerifyingKey;
import java.util.Objects;
import java.util.Optional;

/**
 * A key that verifies JWS signatures, pinned to one {@link JwtAlgorithm} and optionally named by a
 * {@code kid}. For the asymmetric algorithms it is a public key; for {@link JwtAlgorithm#HS256} it is
 * the shared secret itself, so it is never exported as a public JWK.
 *
 * <p>Imports ({@link #fromJwk(String)}, {@link JwkSet#parse(String)}) require the JWK's {@code alg}
 * member (that is what pins the algorithm), reject {@code use} other than {@code sig}, {@code
 * key_ops} without {@code verify}, RSA moduli under 2048 bits, P-256 points off the curve, and HMAC
 * secrets under 32 bytes. Immutable and thread-safe.
 *
 * {@snippet :
 * JwtVerificationKey key = JwtVerificationKey.fromJwk(publicJwkJson);
 * JwtVerifier verifier = JwtVerifier.builder(key).requireIssuer("https://id.example").requireAudience("api").build();
 * }
 */
public final class JwtVerificationKey {
  private final JwtAlgorithm algorithm;
  private final String keyId;
  private final PublicKeyVerify verify;
  private final VerifyingKey publicKey; // null for HS256

  JwtVerificationKey(JwtAlgorithm algorithm, String keyId, PublicKeyVerify verify, VerifyingKey publicKey) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.keyId = keyId;
    this.verify = Objects.requireNonNull(verify, "verify");
    this.publicKey = publicKey;
  }

  /**
   * Imports one JWK (public, or private: only its public part is kept; an HMAC {@code oct} key is kept
   * whole because it is its own verification key).
   *
   * @throws CryptoException if the JWK is malformed, has no supported {@code alg}, is not a signing key,
   *     or is too weak
   */
  public static JwtVerificationKey fromJwk(String jwk) throws CryptoException {
    Objects.requireNonNull(jwk, "jwk");
    return Jwks.readVerification(Jwks.parseObject(jwk));
  }

  /** The one algorithm this key accepts. */
  public JwtAlgorithm algorithm() {
    return algorithm;
  }

  /** The {@code kid}, if the key has one. */
  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  /**
   * The public JWK ({@code kty}, key members, {@code alg}, {@code use: sig} and {@code kid}).
   *
   * @throws IllegalStateException for {@link JwtAlgorithm#HS256}: a shared secret has no public form
   */
  public String exportPublicJwk() {
    if (publicKey == null) {
      throw new IllegalStateException("an HS256 key is a shared secret; it has no public JWK to publish");
    }
    return Jwks.write(Jwks.publicMembers(this));
  }

  /** Same algorithm, same key material, another {@code kid} (or none). */
  public JwtVerificationKey withKeyId(String newKeyId) {
    return new JwtVerificationKey(algorithm, Jwks.checkKeyId(newKeyId), verify, publicKey);
  }

  void verify(byte[] signature, byte[] signingInput) throws CryptoException {
    verify.verify(signature, signingInput);
  }

  VerifyingKey publicKey() {
    return publicKey;
  }

  @Override
  public String toString() {
    return "JwtVerificationKey[" + algorithm.joseName() + (keyId == null ? "" : ", kid=" + keyId) + "]";
  }
}
