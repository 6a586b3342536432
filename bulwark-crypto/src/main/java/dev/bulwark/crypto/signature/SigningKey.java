package dev.bulwark.crypto.signature;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.internal.asym.FixedBytesRandom;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * A private signing key pinned to one {@link SignatureAlgorithm}, with its {@link VerifyingKey}.
 *
 * <p>Key material never appears in {@link #toString()}; it leaves the object only through the
 * {@code insecureExport...} accessors, which exist for sealed storage (a keyset encrypted under a
 * key-encryption key) and nothing else. {@link #destroy()} wipes what Bouncy Castle lets us wipe and
 * drops every reference; after it, signing throws. Thread-safe.
 *
 * <p><b>Warning:</b> JDK private keys (ECDSA, RSA, ML-DSA) cannot be zeroed in place on every JDK;
 * {@link #destroy()} then only drops our reference and leaves the bytes to the garbage collector.
 *
 * {@snippet :
 * SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519);
 * byte[] signature = key.signer().sign(message);
 * byte[] publish = key.verifyingKey().exportSpki();
 * }
 */
public final class SigningKey implements Destroyable {
  /** FIPS 204 key generation seed (xi) length. */
  public static final int ML_DSA_SEED_BYTES = 32;

  private final SignatureAlgorithm algorithm;
  private final VerifyingKey verifyingKey;
  private final byte[] ed25519Seed; // ED25519 only; zeroed by destroy()
  private volatile Ed25519PrivateKeyParameters ed25519;
  private volatile PrivateKey jdk;
  private volatile boolean destroyed;

  private SigningKey(
      SignatureAlgorithm algorithm, VerifyingKey verifyingKey, byte[] ed25519Seed, PrivateKey jdk) {
    this.algorithm = algorithm;
    this.verifyingKey = verifyingKey;
    this.ed25519Seed = ed25519Seed;
    this.ed25519 = ed25519Seed == null ? null : new Ed25519PrivateKeyParameters(ed25519Seed, 0);
    this.jdk = jdk;
  }

  /** A new key from the system's strong random source (RSA-PSS: 3072 bits). */
  public static SigningKey generate(SignatureAlgorithm algorithm) {
    return generate(algorithm, new SecureRandom());
  }

  /**
   * A new key drawing its randomness from {@code random} (RSA-PSS: 3072 bits).
   *
   * @throws IllegalArgumentException for a verify-only algorithm
   */
  public static SigningKey generate(SignatureAlgorithm algorithm, SecureRandom random) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(random, "random");
    try {
      return switch (algorithm) {
        case ED25519 -> {
          byte[] seed = new byte[KeyCodec.ED25519_KEY_BYTES];
          random.nextBytes(seed);
          try {
            yield ofEd25519(seed);
          } catch (CryptoException impossible) {
            throw new IllegalStateException("Ed25519 derived an invalid public key", impossible);
          }
        }
        case ECDSA_P256_SHA256, ECDSA_P256_SHA256_P1363 -> {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
          generator.initialize(new ECGenParameterSpec("secp256r1"), random);
          yield ofPair(algorithm, generator.generateKeyPair());
        }
        case RSA_PSS_SHA256 -> generateRsaPss(RsaModulusSize.BITS_3072, random);
        case ML_DSA_65 -> {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("ML-DSA-65", "SUN");
          generator.initialize(new NamedParameterSpec("ML-DSA-65"), random);
          yield ofPair(algorithm, generator.generateKeyPair());
        }
        case LEGACY_RSA_PKCS1_SHA256 ->
            throw new IllegalArgumentException(algorithm + " is verify-only; sign with RSA_PSS_SHA256");
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  /** A new RSA-PSS key of the given modulus size. */
  public static SigningKey generateRsaPss(RsaModulusSize size, SecureRandom random) {
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(random, "random");
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
      generator.initialize(new RSAKeyGenParameterSpec(size.bits(), RSAKeyGenParameterSpec.F4), random);
      return ofPair(SignatureAlgorithm.RSA_PSS_SHA256, generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks RSA key generation", e);
    }
  }

  /**
   * The ML-DSA-65 key pair determined by a FIPS 204 key-generation seed (xi, 32 bytes): the private
   * key form the IETF recommends storing. The seed is fed to the JDK's generator as its only
   * randomness; the FIPS 204 known-answer tests pin the result.
   *
   * @throws IllegalArgumentException unless {@code seed} is 32 bytes
   */
  public static SigningKey fromMlDsaSeed(byte[] seed) {
    if (seed == null || seed.length != ML_DSA_SEED_BYTES) {
      throw new IllegalArgumentException("an ML-DSA seed is " + ML_DSA_SEED_BYTES + " bytes");
    }
    FixedBytesRandom source = new FixedBytesRandom(seed);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("ML-DSA-65", "SUN");
      generator.initialize(new NamedParameterSpec("ML-DSA-65"), source);
      KeyPair pair = generator.generateKeyPair();
      if (!source.exhausted()) {
        throw new IllegalStateException("the JDK's ML-DSA generator did not consume the whole seed");
      }
      return ofPair(SignatureAlgorithm.ML_DSA_65, pair);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks ML-DSA-65", e);
    } finally {
      source.wipe();
    }
  }

  /**
   * Imports a PKCS#8 DER private key of an algorithm whose public key follows from the private one
   * (Ed25519 per RFC 8410, P-256, RSA with CRT parameters).
   *
   * @throws CryptoException if the key is malformed or not of {@code algorithm}
   * @throws IllegalArgumentException for ML-DSA-65 (use {@link #fromPkcs8(SignatureAlgorithm, byte[],
   *     VerifyingKey)}) and for verify-only algorithms
   */
  public static SigningKey fromPkcs8(SignatureAlgorithm algorithm, byte[] pkcs8) throws CryptoException {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(pkcs8, "pkcs8");
    return switch (algorithm) {
      case ED25519 ->
          ofEd25519(
              KeyCodec.stripPrefix(
                  pkcs8, KeyCodec.ED25519_PKCS8_PREFIX, KeyCodec.ED25519_KEY_BYTES, "Ed25519 PKCS#8"));
      case ECDSA_P256_SHA256, ECDSA_P256_SHA256_P1363 -> {
        PrivateKey key = KeyCodec.jdkPrivate("EC", "SunEC", pkcs8);
        if (!(key instanceof ECPrivateKey ec)) {
          throw new CryptoException("not an EC private key");
        }
        yield new SigningKey(algorithm, VerifyingKey.ofJdk(algorithm, KeyCodec.ecPublicOf(ec)), null, key);
      }
      case RSA_PSS_SHA256 -> ofRsaPrivate(KeyCodec.jdkPrivate("RSA", "SunRsaSign", pkcs8));
      case ML_DSA_65 ->
          throw new IllegalArgumentException(
              "an ML-DSA-65 public key does not follow from its expanded private key; pass the"
                  + " VerifyingKey too, or use fromMlDsaSeed");
      case LEGACY_RSA_PKCS1_SHA256 -> throw new IllegalArgumentException(algorithm + " is verify-only");
    };
  }

  /**
   * Imports a PKCS#8 DER private key together with its public key, checking that the two belong
   * together by signing and verifying a probe message.
   *
   * @throws CryptoException if either key is malformed or they are not one pair
   */
  public static SigningKey fromPkcs8(SignatureAlgorithm algorithm, byte[] pkcs8, VerifyingKey publicKey)
      throws CryptoException {
    Objects.requireNonNull(publicKey, "publicKey");
    if (publicKey.algorithm() != algorithm) {
      throw new IllegalArgumentException("public key is for " + publicKey.algorithm());
    }
    SigningKey key =
        algorithm == SignatureAlgorithm.ML_DSA_65
            ? new SigningKey(algorithm, publicKey, null, KeyCodec.jdkPrivate("ML-DSA-65", "SUN", pkcs8))
            : fromPkcs8(algorithm, pkcs8);
    byte[] probe = "bulwark key pair check".getBytes(StandardCharsets.US_ASCII);
    publicKey.verifier().verify(key.signer().sign(probe), probe);
    return key;
  }

  /**
   * Imports a raw Ed25519 private key (the 32-byte RFC 8032 seed).
   *
   * @throws CryptoException unless it is 32 bytes
   * @throws IllegalArgumentException for other algorithms
   */
  public static SigningKey fromRaw(SignatureAlgorithm algorithm, byte[] raw) throws CryptoException {
    if (algorithm != SignatureAlgorithm.ED25519) {
      throw new IllegalArgumentException("only Ed25519 private keys have a raw form");
    }
    if (raw == null || raw.length != KeyCodec.ED25519_KEY_BYTES) {
      throw new CryptoException("an Ed25519 private key is 32 bytes");
    }
    return ofEd25519(raw.clone());
  }

  /**
   * Imports a private JWK (RFC 7517/7518/8037). If it names an {@code alg}, it must be {@code
   * algorithm}'s, and its public members must match the private ones.
   *
   * @throws CryptoException if the JWK is malformed, public-only, inconsistent or of another algorithm
   */
  public static SigningKey fromJwk(SignatureAlgorithm algorithm, String jwk) throws CryptoException {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(jwk, "jwk");
    return SignatureJwk.readPrivate(algorithm, jwk);
  }

  static SigningKey ofEd25519(byte[] seed) throws CryptoException {
    Ed25519PrivateKeyParameters params = new Ed25519PrivateKeyParameters(seed, 0);
    VerifyingKey verifying = VerifyingKey.ofEd25519(params.generatePublicKey().getEncoded());
    return new SigningKey(SignatureAlgorithm.ED25519, verifying, seed, null);
  }

  static SigningKey ofRsaPrivate(PrivateKey key) throws CryptoException {
    if (!(key instanceof RSAPrivateCrtKey crt)) {
      throw new CryptoException("RSA private key lacks its CRT parameters");
    }
    KeyCodec.checkRsa(crt);
    VerifyingKey verifying =
        VerifyingKey.ofJdk(
            SignatureAlgorithm.RSA_PSS_SHA256,
            KeyCodec.jdkPublic(
                "RSA", "SunRsaSign", new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())));
    return new SigningKey(SignatureAlgorithm.RSA_PSS_SHA256, verifying, null, key);
  }

  static SigningKey ofJdk(SignatureAlgorithm algorithm, VerifyingKey verifying, PrivateKey key) {
    return new SigningKey(algorithm, verifying, null, key);
  }

  static SigningKey ofPair(SignatureAlgorithm algorithm, KeyPair pair) {
    return new SigningKey(algorithm, VerifyingKey.ofJdk(algorithm, pair.getPublic()), null, pair.getPrivate());
  }

  /** The algorithm this key signs with. */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /** The matching public key. */
  public VerifyingKey verifyingKey() {
    return verifyingKey;
  }

  /** A signer drawing any randomness (ECDSA nonces, PSS salts, ML-DSA hedging) from the system source. */
  public PublicKeySign signer() {
    return signer(new SecureRandom());
  }

  /**
   * A signer drawing its randomness from {@code random}. Ed25519 is deterministic and draws none.
   * ML-DSA-65 draws its 32-byte FIPS 204 {@code rnd} per signature; an all-zero source gives the
   * FIPS 204 deterministic variant.
   */
  public PublicKeySign signer(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    return data -> {
      Objects.requireNonNull(data, "data");
      if (algorithm == SignatureAlgorithm.ED25519) {
        Ed25519PrivateKeyParameters key = ed25519;
        if (destroyed || key == null) {
          throw new CryptoException("signing key was destroyed");
        }
        return Signers.signEd25519(key, data);
      }
      PrivateKey key = jdk;
      if (destroyed || key == null) {
        throw new CryptoException("signing key was destroyed");
      }
      return Signers.signJdk(algorithm, key, data, random);
    };
  }

  /**
   * The PKCS#8 DER private key (Ed25519: RFC 8410 v1 form; ML-DSA-65: the JDK's expanded-key form).
   * For sealed storage only.
   *
   * @throws IllegalStateException if the key was destroyed
   */
  public byte[] insecureExportPkcs8() {
    checkLive();
    // checkLive() first: after destroy() the seed is zeroed, never exported.
    if (algorithm == SignatureAlgorithm.ED25519) {
      return KeyCodec.concat(KeyCodec.ED25519_PKCS8_PREFIX, ed25519Seed);
    }
    return jdk.getEncoded();
  }

  /**
   * The raw Ed25519 private key (the 32-byte seed). For sealed storage only.
   *
   * @throws IllegalArgumentException for other algorithms
   * @throws IllegalStateException if the key was destroyed
   */
  public byte[] insecureExportRaw() {
    if (algorithm != SignatureAlgorithm.ED25519) {
      throw new IllegalArgumentException("only Ed25519 private keys have a raw form");
    }
    checkLive();
    return ed25519Seed.clone();
  }

  /**
   * The private JWK with {@code alg} set. For sealed storage only.
   *
   * @throws UnsupportedOperationException for ML-DSA-65 (the JOSE draft's private form is the seed,
   *     which the JDK's key does not keep)
   * @throws IllegalStateException if the key was destroyed
   */
  public String insecureExportJwk() {
    checkLive();
    return SignatureJwk.writePrivate(this);
  }

  byte[] ed25519Seed() {
    return ed25519Seed;
  }

  PrivateKey jdkKey() {
    return jdk;
  }

  private void checkLive() {
    if (destroyed) {
      throw new IllegalStateException("signing key was destroyed");
    }
  }

  /** Wipes the Ed25519 seed, drops every reference to key material; signing then throws. */
  @Override
  public void destroy() {
    destroyed = true;
    if (ed25519Seed != null) {
      Arrays.fill(ed25519Seed, (byte) 0);
    }
    ed25519 = null;
    PrivateKey key = jdk;
    jdk = null;
    if (key != null) {
      try {
        key.destroy();
      } catch (DestroyFailedException notSupportedByThisKeyType) {
        // Documented in the class javadoc: the JDK key is left to the garbage collector.
      }
    }
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "SigningKey[" + algorithm + (destroyed ? ", destroyed" : "") + "]";
  }
}
