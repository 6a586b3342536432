package dev.bulwark.crypto.kem;

import dev.bulwark.crypto.CryptoException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.KEM;

/**
 * An encapsulation (public) key for a {@link KemAlgorithm}. Imports run the FIPS 203 §7.2 modulus
 * check on the ML-KEM part, so a malformed key fails here rather than at encapsulation. Not secret;
 * thread-safe: immutable.
 *
 * {@snippet :
 * KemPublicKey recipient = KemPublicKey.fromRaw(KemAlgorithm.X_WING, publishedBytes);
 * KemEncapsulation e = recipient.encapsulate();
 * send(e.ciphertext());
 * byte[] key = Hkdf.derive(HkdfAlgorithm.HKDF_SHA256, e.sharedSecret(), salt, info, 32);
 * }
 */
public final class KemPublicKey {
  /** SPKI for X-Wing (draft-connolly-cfrg-xwing-kem §5.8.1, OID 1.3.6.1.4.1.62253.25722). */
  static final byte[] XWING_SPKI_PREFIX =
      HexFormat.of().parseHex("308204d4300d060b2b0601040183e62d81c87a038204c100");
  // One instance for every key: the JDK's default generator is thread-safe, and making one per call
  // (as new SecureRandom() did) costs a provider lookup per encapsulation.
  private static final SecureRandom DEFAULT_RANDOM = new SecureRandom();

  private final KemAlgorithm algorithm;
  private final PublicKey mlKem;
  private final byte[] x25519; // X_WING only
  // Made on the first encapsulate() and kept: see MlKem768.encapsulator. Racing threads may each make
  // one; any of them is correct, and the JDK's Encapsulator is immutable and thread-safe.
  private volatile KEM.Encapsulator defaultEncapsulator; // ML_KEM_768 only

  KemPublicKey(KemAlgorithm algorithm, PublicKey mlKem, byte[] x25519) {
    this.algorithm = algorithm;
    this.mlKem = mlKem;
    this.x25519 = x25519;
  }

  /**
   * Imports a raw encapsulation key (ML-KEM-768: 1184 bytes; X-Wing: 1216 bytes).
   *
   * @throws CryptoException if the length is wrong or the ML-KEM part fails its modulus check
   */
  public static KemPublicKey fromRaw(KemAlgorithm algorithm, byte[] raw) throws CryptoException {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(raw, "raw");
    if (raw.length != algorithm.publicKeyBytes()) {
      throw new CryptoException("a " + algorithm + " encapsulation key is " + algorithm.publicKeyBytes() + " bytes");
    }
    return switch (algorithm) {
      case ML_KEM_768 -> new KemPublicKey(algorithm, MlKem768.publicFromRaw(raw), null);
      case X_WING ->
          new KemPublicKey(
              algorithm,
              MlKem768.publicFromRaw(Arrays.copyOf(raw, MlKem768.PUBLIC_BYTES)),
              Arrays.copyOfRange(raw, MlKem768.PUBLIC_BYTES, XWing.PUBLIC_BYTES));
    };
  }

  /**
   * Imports an X.509 SubjectPublicKeyInfo (DER): the ML-KEM-768 or the X-Wing identifier.
   *
   * @throws CryptoException if it is malformed or of another algorithm
   */
  public static KemPublicKey fromSpki(KemAlgorithm algorithm, byte[] spki) throws CryptoException {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(spki, "spki");
    byte[] prefix = spkiPrefix(algorithm);
    if (spki.length != prefix.length + algorithm.publicKeyBytes()
        || !Arrays.equals(spki, 0, prefix.length, prefix, 0, prefix.length)) {
      throw new CryptoException("not a " + algorithm + " SubjectPublicKeyInfo");
    }
    return fromRaw(algorithm, Arrays.copyOfRange(spki, prefix.length, spki.length));
  }

  private static byte[] spkiPrefix(KemAlgorithm algorithm) {
    return switch (algorithm) {
      case ML_KEM_768 -> MlKem768.SPKI_PREFIX;
      case X_WING -> XWING_SPKI_PREFIX;
    };
  }

  /**
   * Imports an ML-KEM-768 public JWK ({@code {"kty":"AKP","alg":"ML-KEM-768","pub":…}}, the JOSE
   * post-quantum drafts' shape). Private members are refused.
   *
   * @throws CryptoException if the JWK is malformed or not a valid encapsulation key
   * @throws IllegalArgumentException for X-Wing, which has no JWK form
   */
  public static KemPublicKey fromJwk(KemAlgorithm algorithm, String jwk) throws CryptoException {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(jwk, "jwk");
    return KemJwk.readPublic(algorithm, jwk);
  }

  /**
   * The public JWK (ML-KEM-768 only).
   *
   * @throws IllegalArgumentException for X-Wing, which has no JWK form
   */
  public String exportJwk() {
    return KemJwk.writePublic(this);
  }

  /** The algorithm this key belongs to. */
  public KemAlgorithm algorithm() {
    return algorithm;
  }

  /** The raw encapsulation key. */
  public byte[] exportRaw() {
    byte[] mlKemRaw = MlKem768.rawOf(mlKem);
    return x25519 == null ? mlKemRaw : XWing.concat(mlKemRaw, x25519);
  }

  /** The X.509 SubjectPublicKeyInfo DER encoding. */
  public byte[] exportSpki() {
    return XWing.concat(spkiPrefix(algorithm), exportRaw());
  }

  /**
   * Encapsulates a fresh shared secret to this key, with the JDK's default {@code SecureRandom} (what
   * {@code new SecureRandom()} gives: the operating system's generator on Linux).
   */
  public KemEncapsulation encapsulate() throws CryptoException {
    return switch (algorithm) {
      case ML_KEM_768 -> {
        byte[][] result = MlKem768.encapsulate(defaultEncapsulator());
        yield new KemEncapsulation(result[0], result[1]);
      }
      case X_WING -> XWing.encapsulate(mlKem, x25519, DEFAULT_RANDOM);
    };
  }

  private KEM.Encapsulator defaultEncapsulator() throws CryptoException {
    KEM.Encapsulator e = defaultEncapsulator;
    if (e == null) {
      e = MlKem768.encapsulator(mlKem, DEFAULT_RANDOM);
      defaultEncapsulator = e;
    }
    return e;
  }

  /** The X25519 part of an X-Wing key (not a copy: callers must not modify it). */
  byte[] x25519() {
    return x25519;
  }

  /**
   * Encapsulates a fresh shared secret to this key, drawing randomness from {@code random}
   * (ML-KEM-768: the 32-byte FIPS 203 {@code m}; X-Wing: the 64-byte {@code eseed}).
   *
   * @throws CryptoException if the provider rejects the key
   */
  public KemEncapsulation encapsulate(SecureRandom random) throws CryptoException {
    Objects.requireNonNull(random, "random");
    return switch (algorithm) {
      case ML_KEM_768 -> {
        byte[][] result = MlKem768.encapsulate(mlKem, random);
        yield new KemEncapsulation(result[0], result[1]);
      }
      case X_WING -> XWing.encapsulate(mlKem, x25519, random);
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KemPublicKey other && other.algorithm == algorithm && Arrays.equals(other.exportRaw(), exportRaw());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(exportRaw());
  }

  @Override
  public String toString() {
    return "KemPublicKey[" + algorithm + "]";
  }
}
