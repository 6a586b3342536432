package dev.bulwark.auth.jwt;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.signature.PublicKeySign;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * A private (or, for {@link JwtAlgorithm#HS256}, shared secret) key that signs JWTs, pinned to one
 * {@link JwtAlgorithm} and named by a {@code kid}. New keys: Ed25519, P-256, RSA 3072 bits, a 32-byte
 * ML-DSA-65 seed, a 32-byte HMAC secret. {@link #toString()} never shows key material; the only export
 * is the greppable {@link #insecureExportPrivateJwk()}. Thread-safe; {@link #destroy()} wipes what the
 * underlying providers allow.
 *
 * {@snippet :
 * JwtSigningKey key = JwtSigningKey.generate(JwtAlgorithm.EDDSA, "2026-11");
 * String publicJwk = key.verificationKey().exportPublicJwk();   // publish this
 * }
 */
public final class JwtSigningKey implements Destroyable {
  private final JwtAlgorithm algorithm;
  private final String keyId;
  private final PublicKeySign sign;
  private final JwtVerificationKey verificationKey;
  private final Jwks.PrivateExport privateExport;
  private final Destroyable material;

  JwtSigningKey(
      JwtAlgorithm algorithm,
      String keyId,
      PublicKeySign sign,
      JwtVerificationKey verificationKey,
      Jwks.PrivateExport privateExport,
      Destroyable material) {
    this.algorithm = algorithm;
    this.keyId = keyId;
    this.sign = sign;
    this.verificationKey = verificationKey;
    this.privateExport = privateExport;
    this.material = material;
  }

  /** A new key for {@code algorithm} from the system's strong random source, named {@code keyId}. */
  public static JwtSigningKey generate(JwtAlgorithm algorithm, String keyId) {
    return generate(algorithm, keyId, new SecureRandom());
  }

  /**
   * A new key from {@code random}.
   *
   * @throws IllegalArgumentException if {@code keyId} is empty, longer than 128 characters, or has
   *     control characters
   */
  public static JwtSigningKey generate(JwtAlgorithm algorithm, String keyId, SecureRandom random) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(random, "random");
    return Jwks.generate(algorithm, Jwks.checkKeyId(keyId), random);
  }

  /**
   * Imports a private JWK (RFC 7517) whose {@code alg} is one of {@link JwtAlgorithm}; its public
   * members must match its private ones.
   *
   * @throws CryptoException if the JWK is malformed, public-only, inconsistent, of an unsupported
   *     algorithm, not for signing, or too weak
   */
  public static JwtSigningKey fromJwk(String jwk) throws CryptoException {
    Objects.requireNonNull(jwk, "jwk");
    return Jwks.readSigning(Jwks.parseObject(jwk));
  }

  /** The one algorithm this key signs with. */
  public JwtAlgorithm algorithm() {
    return algorithm;
  }

  /** The {@code kid} written into every token's header, if the key has one. */
  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  /** The matching verification key (the public key; for HS256 the same secret). */
  public JwtVerificationKey verificationKey() {
    return verificationKey;
  }

  /**
   * The private JWK with {@code alg}, {@code use} and {@code kid} set (ML-DSA-65: the {@code AKP} form
   * with the 32-byte seed as {@code priv}). For sealed storage or the CLI only.
   *
   * @throws IllegalStateException if the key was destroyed
   */
  public String insecureExportPrivateJwk() {
    if (isDestroyed()) {
      throw new IllegalStateException("signing key was destroyed");
    }
    return Jwks.write(privateExport.members());
  }

  byte[] sign(byte[] signingInput) throws CryptoException {
    return sign.sign(signingInput);
  }

  @Override
  public void destroy() {
    try {
      material.destroy();
    } catch (javax.security.auth.DestroyFailedException notSupported) {
      // Keys whose provider cannot wipe them (JDK RSA/EC) are dropped by the garbage collector instead.
    }
  }

  @Override
  public boolean isDestroyed() {
    return material.isDestroyed();
  }

  @Override
  public String toString() {
    return "JwtSigningKey[" + algorithm.joseName() + (keyId == null ? "" : ", kid=" + keyId) + "]";
  }
}
