package dev.bulwark.crypto.kem;

import dev.bulwark.crypto.CryptoException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.KEM;
import javax.security.auth.Destroyable;

/**
 * A decapsulation (private) key for a {@link KemAlgorithm}, with its {@link KemPublicKey}.
 *
 * <p>The stored form is the seed (ML-KEM-768: {@code d||z}, 64 bytes; X-Wing: 32 bytes), as both
 * specifications recommend; ML-KEM-768 keys can also be imported from the expanded FIPS 203 form.
 * Key material never appears in {@link #toString()}; export only through {@code insecure...}
 * accessors; {@link #destroy()} zeroes the seed and X25519 scalar we hold (the JDK's ML-KEM key object
 * and the decapsulator made from it on first use, which holds its own copy of the raw key, are only
 * dropped). Thread-safe.
 *
 * <p><b>Warning:</b> decapsulating a well-formed but wrong ciphertext returns a pseudorandom secret
 * rather than an error (FIPS 203 implicit rejection). Always feed the secret to an authenticated
 * construction (HKDF then AEAD), which is where tampering surfaces.
 */
public final class KemPrivateKey implements Destroyable {
  /** PKCS#8 for an X-Wing seed (draft-connolly-cfrg-xwing-kem §5.8.2). */
  static final byte[] XWING_PKCS8_PREFIX =
      HexFormat.of().parseHex("3034020100300d060b2b0601040183e62d81c87a04" + "20");

  private final KemAlgorithm algorithm;
  private final KemPublicKey publicKey;
  private final byte[] seed; // null when imported from the expanded ML-KEM form
  private final byte[] skX; // X_WING only
  private volatile PrivateKey mlKem;
  // Made on the first decapsulation and kept until destroy(): see MlKem768.decapsulator.
  private volatile KEM.Decapsulator decapsulator;
  private volatile boolean destroyed;

  private KemPrivateKey(KemAlgorithm algorithm, KemPublicKey publicKey, byte[] seed, byte[] skX, PrivateKey mlKem) {
    this.algorithm = algorithm;
    this.publicKey = publicKey;
    this.seed = seed;
    this.skX = skX;
    this.mlKem = mlKem;
  }

  /** A new key from the system's strong random source. */
  public static KemPrivateKey generate(KemAlgorithm algorithm) {
    return generate(algorithm, new SecureRandom());
  }

  /** A new key whose seed is drawn from {@code random}. */
  public static KemPrivateKey generate(KemAlgorithm algorithm, SecureRandom random) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(random, "random");
    byte[] seed = new byte[algorithm.seedBytes()];
    random.nextBytes(seed);
    try {
      return fromSeed(algorithm, seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /**
   * The key pair determined by {@code seed} (ML-KEM-768: {@code d||z} per FIPS 203
   * ML-KEM.KeyGen_internal; X-Wing: the 32-byte decapsulation key per the draft). The array is copied.
   *
   * @throws IllegalArgumentException if the seed has the wrong length
   */
  public static KemPrivateKey fromSeed(KemAlgorithm algorithm, byte[] seed) {
    Objects.requireNonNull(algorithm, "algorithm");
    if (seed == null || seed.length != algorithm.seedBytes()) {
      throw new IllegalArgumentException("a " + algorithm + " seed is " + algorithm.seedBytes() + " bytes");
    }
    byte[] copy = seed.clone();
    return switch (algorithm) {
      case ML_KEM_768 -> {
        KeyPair pair = MlKem768.fromSeed(copy);
        yield new KemPrivateKey(
            algorithm, new KemPublicKey(algorithm, pair.getPublic(), null), copy, null, pair.getPrivate());
      }
      case X_WING -> {
        XWing.Expanded e = XWing.expand(copy);
        yield new KemPrivateKey(
            algorithm, new KemPublicKey(algorithm, e.mlKem().getPublic(), e.pkX()), copy, e.skX(), e.mlKem().getPrivate());
      }
    };
  }

  /**
   * Imports an ML-KEM-768 expanded decapsulation key (FIPS 203 {@code dk}, 2400 bytes) after the
   * FIPS 203 §7.3 checks. X-Wing has no expanded form that may cross implementations (draft §5.5.1).
   *
   * @throws CryptoException if the key fails its length, hash or modulus check
   * @throws IllegalArgumentException for X-Wing
   */
  public static KemPrivateKey fromExpandedMlKem768(byte[] dk) throws CryptoException {
    Objects.requireNonNull(dk, "dk");
    KeyPair pair = MlKem768.fromExpanded(dk);
    return new KemPrivateKey(
        KemAlgorithm.ML_KEM_768, new KemPublicKey(KemAlgorithm.ML_KEM_768, pair.getPublic(), null), null, null, pair.getPrivate());
  }

  /**
   * Imports a PKCS#8 private key: X-Wing per the draft §5.8.2 (the seed); ML-KEM-768 in the JDK's
   * expanded form.
   *
   * @throws CryptoException if it is malformed or of another algorithm
   */
  public static KemPrivateKey fromPkcs8(KemAlgorithm algorithm, byte[] pkcs8) throws CryptoException {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(pkcs8, "pkcs8");
    byte[] prefix = pkcs8Prefix(algorithm);
    int keyBytes = algorithm == KemAlgorithm.X_WING ? XWing.SEED_BYTES : MlKem768.EXPANDED_PRIVATE_BYTES;
    if (pkcs8.length != prefix.length + keyBytes || !Arrays.equals(pkcs8, 0, prefix.length, prefix, 0, prefix.length)) {
      throw new CryptoException("not a " + algorithm + " PKCS#8 private key");
    }
    byte[] key = Arrays.copyOfRange(pkcs8, prefix.length, pkcs8.length);
    try {
      return algorithm == KemAlgorithm.X_WING ? fromSeed(algorithm, key) : fromExpandedMlKem768(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] pkcs8Prefix(KemAlgorithm algorithm) {
    return switch (algorithm) {
      case ML_KEM_768 -> MlKem768.EXPANDED_PKCS8_PREFIX;
      case X_WING -> XWING_PKCS8_PREFIX;
    };
  }

  /** The algorithm this key belongs to. */
  public KemAlgorithm algorithm() {
    return algorithm;
  }

  /** The matching encapsulation key. */
  public KemPublicKey publicKey() {
    return publicKey;
  }

  /**
   * Decapsulates {@code ciphertext} to the 32-byte shared secret.
   *
   * @throws CryptoException if the ciphertext has the wrong length or the key was destroyed
   */
  public byte[] decapsulate(byte[] ciphertext) throws CryptoException {
    Objects.requireNonNull(ciphertext, "ciphertext");
    KEM.Decapsulator d = liveDecapsulator();
    return switch (algorithm) {
      case ML_KEM_768 -> MlKem768.decapsulate(d, ciphertext);
      case X_WING -> XWing.decapsulate(d, skX, publicKey.x25519(), ciphertext);
    };
  }

  private KEM.Decapsulator liveDecapsulator() throws CryptoException {
    KEM.Decapsulator d = decapsulator;
    if (d == null) {
      PrivateKey key = mlKem;
      if (destroyed || key == null) {
        throw new CryptoException("decapsulation key was destroyed");
      }
      d = MlKem768.decapsulator(key);
      decapsulator = d;
    }
    // Checked after the read, so a destroy() that has returned is never followed by a success.
    if (destroyed) {
      decapsulator = null;
      throw new CryptoException("decapsulation key was destroyed");
    }
    return d;
  }

  /**
   * Imports an ML-KEM-768 private JWK: the public form plus {@code "priv"}, the 64-byte seed; the
   * {@code pub} member must be the key the seed determines.
   *
   * @throws CryptoException if the JWK is malformed or inconsistent
   * @throws IllegalArgumentException for X-Wing, which has no JWK form
   */
  public static KemPrivateKey fromJwk(KemAlgorithm algorithm, String jwk) throws CryptoException {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(jwk, "jwk");
    return KemJwk.readPrivate(algorithm, jwk);
  }

  /**
   * The private JWK with the seed as {@code priv} (ML-KEM-768 only). For sealed storage only.
   *
   * @throws IllegalStateException if the key was destroyed or has no seed
   * @throws IllegalArgumentException for X-Wing, which has no JWK form
   */
  public String insecureExportJwk() {
    checkLive();
    return KemJwk.writePrivate(this);
  }

  /**
   * A copy of the seed. For sealed storage only.
   *
   * @throws IllegalStateException if the key was destroyed or imported from the expanded ML-KEM form
   */
  public byte[] insecureExportSeed() {
    checkLive();
    if (seed == null) {
      throw new IllegalStateException("this key was imported in expanded form and has no seed");
    }
    return seed.clone();
  }

  /**
   * The PKCS#8 private key (X-Wing: the seed form; ML-KEM-768: the JDK's expanded form). For sealed
   * storage only.
   *
   * @throws IllegalStateException if the key was destroyed
   */
  public byte[] insecureExportPkcs8() {
    checkLive();
    return switch (algorithm) {
      case X_WING -> XWing.concat(XWING_PKCS8_PREFIX, seed);
      case ML_KEM_768 -> mlKem.getEncoded();
    };
  }

  private void checkLive() {
    if (destroyed) {
      throw new IllegalStateException("decapsulation key was destroyed");
    }
  }

  /** Zeroes the seed and X25519 scalar, drops the JDK key; decapsulation then throws. */
  @Override
  public void destroy() {
    destroyed = true;
    if (seed != null) {
      Arrays.fill(seed, (byte) 0);
    }
    if (skX != null) {
      Arrays.fill(skX, (byte) 0);
    }
    mlKem = null;
    decapsulator = null;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "KemPrivateKey[" + algorithm + (destroyed ? ", destroyed" : "") + "]";
  }
}
