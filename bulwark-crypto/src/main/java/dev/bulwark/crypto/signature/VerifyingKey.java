package dev.bulwark.crypto.signature;

import dev.bulwark.crypto.CryptoException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * A public key pinned to one {@link SignatureAlgorithm}. Imports reject keys that are malformed, of
 * another algorithm, on another curve, off the curve, or (RSA) shorter than 2048 bits. Public keys are
 * not secret, so every export is plain. Thread-safe: immutable, apart from a small pool of JDK
 * verification engines already initialised with the key ({@link VerifierPool}), which only speeds up
 * {@link #verifier()}.
 *
 * {@snippet :
 * VerifyingKey key = VerifyingKey.fromSpki(SignatureAlgorithm.ED25519, spkiDer);
 * key.verifier().verify(signature, message); // throws CryptoException unless valid
 * }
 */
public final class VerifyingKey {
  private final SignatureAlgorithm algorithm;
  private final byte[] ed25519; // raw 32 bytes, ED25519 only
  private final Ed25519PublicKeyParameters ed25519Params; // ED25519 only
  private final PublicKey jdk; // every other algorithm
  private final VerifierPool verifierPool; // every algorithm but ED25519

  private VerifyingKey(
      SignatureAlgorithm algorithm, byte[] ed25519, Ed25519PublicKeyParameters params, PublicKey jdk) {
    this.algorithm = algorithm;
    this.ed25519 = ed25519;
    this.ed25519Params = params;
    this.jdk = jdk;
    this.verifierPool = jdk == null ? null : new VerifierPool(Signers.verifyEngineOf(algorithm), jdk);
  }

  static VerifyingKey ofEd25519(byte[] raw) throws CryptoException {
    Ed25519PublicKeyParameters params;
    try {
      params = new Ed25519PublicKeyParameters(raw, 0);
    } catch (IllegalArgumentException e) {
      throw new CryptoException("not an Ed25519 public key");
    }
    return new VerifyingKey(SignatureAlgorithm.ED25519, raw.clone(), params, null);
  }

  static VerifyingKey ofJdk(SignatureAlgorithm algorithm, PublicKey key) {
    return new VerifyingKey(algorithm, null, null, key);
  }

  /**
   * Imports an X.509 SubjectPublicKeyInfo (DER).
   *
   * @throws CryptoException if the key is malformed or does not belong to {@code algorithm}
   */
  public static VerifyingKey fromSpki(SignatureAlgorithm algorithm, byte[] spki) throws CryptoException {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(spki, "spki");
    return switch (algorithm) {
      case ED25519 ->
          ofEd25519(
              KeyCodec.stripPrefix(
                  spki, KeyCodec.ED25519_SPKI_PREFIX, KeyCodec.ED25519_KEY_BYTES, "Ed25519 SPKI"));
      case ECDSA_P256_SHA256, ECDSA_P256_SHA256_P1363 -> ofJdk(algorithm, KeyCodec.ecPublic(spki));
      case RSA_PSS_SHA256, LEGACY_RSA_PKCS1_SHA256 -> ofJdk(algorithm, KeyCodec.rsaPublic(spki));
      case ML_DSA_65 -> fromRaw(algorithm, KeyCodec.stripPrefix(
          spki, KeyCodec.ML_DSA_65_SPKI_PREFIX, KeyCodec.ML_DSA_65_PUBLIC_BYTES, "ML-DSA-65 SPKI"));
    };
  }

  /**
   * Imports a raw public key: 32 bytes for Ed25519 (RFC 8032), 1952 bytes for ML-DSA-65 (FIPS 204),
   * a 65-byte uncompressed point {@code 04||x||y} for P-256 ECDSA.
   *
   * @throws CryptoException if the bytes are not a key of {@code algorithm}
   * @throws IllegalArgumentException for RSA, which has no raw form (use SPKI or JWK)
   */
  public static VerifyingKey fromRaw(SignatureAlgorithm algorithm, byte[] raw) throws CryptoException {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(raw, "raw");
    switch (algorithm) {
      case ED25519 -> {
        if (raw.length != KeyCodec.ED25519_KEY_BYTES) {
          throw new CryptoException("an Ed25519 public key is 32 bytes");
        }
        return ofEd25519(raw);
      }
      case ML_DSA_65 -> {
        if (raw.length != KeyCodec.ML_DSA_65_PUBLIC_BYTES) {
          throw new CryptoException("an ML-DSA-65 public key is 1952 bytes");
        }
        return ofJdk(
            algorithm,
            KeyCodec.jdkPublic("ML-DSA-65", "SUN", KeyCodec.concat(KeyCodec.ML_DSA_65_SPKI_PREFIX, raw)));
      }
      case ECDSA_P256_SHA256, ECDSA_P256_SHA256_P1363 -> {
        if (raw.length != 65 || raw[0] != 4) {
          throw new CryptoException("a raw P-256 public key is the 65-byte uncompressed point");
        }
        return ofJdk(
            algorithm,
            KeyCodec.ecPublic(
                new java.math.BigInteger(1, Arrays.copyOfRange(raw, 1, 33)),
                new java.math.BigInteger(1, Arrays.copyOfRange(raw, 33, 65))));
      }
      case RSA_PSS_SHA256, LEGACY_RSA_PKCS1_SHA256 ->
          throw new IllegalArgumentException("RSA keys have no raw form; use SPKI or JWK");
    }
    throw new IllegalStateException("unreachable");
  }

  /**
   * Imports a public JWK (RFC 7517; OKP per RFC 8037; AKP per the JOSE ML-DSA draft). If the JWK names
   * an {@code alg}, it must be {@code algorithm}'s; a JWK that holds private members is refused here, so
   * a private key is never accidentally published or parsed as public.
   *
   * @throws CryptoException if the JWK is malformed, private, or of another key type or algorithm
   */
  public static VerifyingKey fromJwk(SignatureAlgorithm algorithm, String jwk) throws CryptoException {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(jwk, "jwk");
    return SignatureJwk.readPublic(algorithm, jwk);
  }

  /** The algorithm this key verifies. */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /** The X.509 SubjectPublicKeyInfo DER encoding. */
  public byte[] exportSpki() {
    return switch (algorithm) {
      case ED25519 -> KeyCodec.concat(KeyCodec.ED25519_SPKI_PREFIX, ed25519);
      default -> jdk.getEncoded();
    };
  }

  /**
   * The raw encoding (see {@link #fromRaw}).
   *
   * @throws IllegalArgumentException for RSA keys
   */
  public byte[] exportRaw() {
    return switch (algorithm) {
      case ED25519 -> ed25519.clone();
      case ML_DSA_65 -> {
        byte[] spki = jdk.getEncoded();
        yield Arrays.copyOfRange(spki, spki.length - KeyCodec.ML_DSA_65_PUBLIC_BYTES, spki.length);
      }
      case ECDSA_P256_SHA256, ECDSA_P256_SHA256_P1363 -> {
        ECPublicKey ec = (ECPublicKey) jdk;
        byte[] out = new byte[65];
        out[0] = 4;
        System.arraycopy(KeyCodec.fixed(ec.getW().getAffineX(), 32), 0, out, 1, 32);
        System.arraycopy(KeyCodec.fixed(ec.getW().getAffineY(), 32), 0, out, 33, 32);
        yield out;
      }
      case RSA_PSS_SHA256, LEGACY_RSA_PKCS1_SHA256 ->
          throw new IllegalArgumentException("RSA keys have no raw form; use SPKI or JWK");
    };
  }

  /** The public JWK, with {@code alg} set to this key's algorithm. */
  public String exportJwk() {
    return SignatureJwk.writePublic(this);
  }

  /** A verifier for this key. */
  public PublicKeyVerify verifier() {
    return (signature, data) -> Signers.verify(this, signature, data);
  }

  byte[] ed25519Raw() {
    return ed25519;
  }

  Ed25519PublicKeyParameters ed25519Params() {
    return ed25519Params;
  }

  PublicKey jdkKey() {
    return jdk;
  }

  VerifierPool verifierPool() {
    return verifierPool;
  }

  RSAPublicKey rsaKey() {
    return (RSAPublicKey) jdk;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifyingKey other
        && other.algorithm == algorithm
        && Arrays.equals(other.exportSpki(), exportSpki());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(exportSpki());
  }

  @Override
  public String toString() {
    return "VerifyingKey[" + algorithm + "]";
  }
}
