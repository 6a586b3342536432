package dev.bulwark.crypto.agreement;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.internal.asym.P256;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.KeyAgreement;
import javax.security.auth.Destroyable;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A private key for {@link KeyAgreementAlgorithm key agreement}, with its public key.
 *
 * <p>{@link #agree} returns the raw Diffie-Hellman output. <b>Warning:</b> that output is not a key:
 * derive keys from it with HKDF ({@code dev.bulwark.crypto.kdf.Hkdf}), binding both public keys in
 * the {@code info}, or use a KEM ({@code dev.bulwark.crypto.kem}) that does this for you.
 *
 * <p>Key material never appears in {@link #toString()}; export only through {@code insecure...}
 * accessors; {@link #destroy()} zeroes the X25519 scalar (a JDK P-256 key is only dropped).
 * Thread-safe.
 *
 * {@snippet :
 * AgreementPrivateKey mine = AgreementPrivateKey.generate(KeyAgreementAlgorithm.X25519);
 * byte[] shared = mine.agree(AgreementPublicKey.fromRaw(KeyAgreementAlgorithm.X25519, peerBytes));
 * }
 */
public final class AgreementPrivateKey implements Destroyable {
  private final KeyAgreementAlgorithm algorithm;
  private final AgreementPublicKey publicKey;
  private final byte[] x25519; // X25519 only
  private volatile PrivateKey ec; // ECDH_P256 only
  private volatile boolean destroyed;

  private AgreementPrivateKey(
      KeyAgreementAlgorithm algorithm, AgreementPublicKey publicKey, byte[] x25519, PrivateKey ec) {
    this.algorithm = algorithm;
    this.publicKey = publicKey;
    this.x25519 = x25519;
    this.ec = ec;
  }

  /** A new key from the system's strong random source. */
  public static AgreementPrivateKey generate(KeyAgreementAlgorithm algorithm) {
    return generate(algorithm, new SecureRandom());
  }

  /** A new key drawing its randomness from {@code random}. */
  public static AgreementPrivateKey generate(KeyAgreementAlgorithm algorithm, SecureRandom random) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(random, "random");
    try {
      return switch (algorithm) {
        case X25519 -> {
          byte[] k = new byte[AgreementCodec.X25519_KEY_BYTES];
          random.nextBytes(k);
          yield ofX25519(k);
        }
        case ECDH_P256 -> {
          BigInteger n = P256.params().getOrder();
          BigInteger d;
          do {
            byte[] candidate = new byte[AgreementCodec.P256_SCALAR_BYTES];
            random.nextBytes(candidate);
            d = new BigInteger(1, candidate);
            Arrays.fill(candidate, (byte) 0);
          } while (d.signum() == 0 || d.compareTo(n) >= 0); // rejection sampling: no modulo bias
          yield ofEcScalar(d);
        }
      };
    } catch (CryptoException impossible) {
      throw new IllegalStateException("generated key rejected", impossible);
    }
  }

  /**
   * Imports a raw private key: the 32-byte X25519 scalar (RFC 7748, clamped on use), or the 32-byte
   * big-endian P-256 scalar in {@code [1, n)}.
   *
   * @throws CryptoException if the bytes are not a valid private key of {@code algorithm}
   */
  public static AgreementPrivateKey fromRaw(KeyAgreementAlgorithm algorithm, byte[] raw) throws CryptoException {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(raw, "raw");
    if (raw.length != AgreementCodec.X25519_KEY_BYTES) {
      throw new CryptoException("a raw " + algorithm + " private key is 32 bytes");
    }
    return switch (algorithm) {
      case X25519 -> ofX25519(raw.clone());
      case ECDH_P256 -> ofEcScalar(new BigInteger(1, raw));
    };
  }

  /**
   * Imports a PKCS#8 DER private key (X25519: the RFC 8410 v1 form).
   *
   * @throws CryptoException if it is malformed or of another algorithm or curve
   */
  public static AgreementPrivateKey fromPkcs8(KeyAgreementAlgorithm algorithm, byte[] pkcs8) throws CryptoException {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(pkcs8, "pkcs8");
    return switch (algorithm) {
      case X25519 ->
          ofX25519(
              AgreementCodec.stripPrefix(
                  pkcs8, AgreementCodec.X25519_PKCS8_PREFIX, AgreementCodec.X25519_KEY_BYTES, "X25519 PKCS#8"));
      case ECDH_P256 -> {
        PrivateKey key;
        try {
          key = KeyFactory.getInstance("EC", "SunEC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
          throw new CryptoException("P-256 private key rejected");
        }
        if (!(key instanceof ECPrivateKey ecKey)) {
          throw new CryptoException("not an EC private key");
        }
        P256.checkDomain(ecKey);
        yield ofEcScalar(ecKey.getS());
      }
    };
  }

  private static AgreementPrivateKey ofX25519(byte[] k) {
    byte[] pub = new byte[AgreementCodec.X25519_KEY_BYTES];
    X25519.scalarMultBase(k, 0, pub, 0);
    return new AgreementPrivateKey(KeyAgreementAlgorithm.X25519, AgreementPublicKey.ofX25519(pub), k, null);
  }

  private static AgreementPrivateKey ofEcScalar(BigInteger d) throws CryptoException {
    if (d.signum() <= 0 || d.compareTo(P256.params().getOrder()) >= 0) {
      throw new CryptoException("P-256 private scalar out of range");
    }
    org.bouncycastle.math.ec.ECPoint q =
        ECNamedCurveTable.getByName(P256.CURVE_NAME).getG().multiply(d).normalize();
    byte[] raw = new byte[AgreementCodec.P256_POINT_BYTES];
    raw[0] = 4;
    System.arraycopy(AgreementCodec.fixed(q.getAffineXCoord().toBigInteger(), 32), 0, raw, 1, 32);
    System.arraycopy(AgreementCodec.fixed(q.getAffineYCoord().toBigInteger(), 32), 0, raw, 33, 32);
    AgreementPublicKey pub = AgreementPublicKey.fromRaw(KeyAgreementAlgorithm.ECDH_P256, raw);
    try {
      PrivateKey key =
          KeyFactory.getInstance("EC", "SunEC").generatePrivate(new ECPrivateKeySpec(d, P256.params()));
      return new AgreementPrivateKey(KeyAgreementAlgorithm.ECDH_P256, pub, null, key);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("P-256 private key rejected");
    }
  }

  /** The algorithm this key belongs to. */
  public KeyAgreementAlgorithm algorithm() {
    return algorithm;
  }

  /** The matching public key. */
  public AgreementPublicKey publicKey() {
    return publicKey;
  }

  /**
   * The raw shared secret with {@code peer}: 32 bytes (X25519: the u-coordinate; P-256: the
   * x-coordinate). Derive keys from it; never use it as a key directly.
   *
   * @throws CryptoException if the result is all zero (X25519 small-order peer, RFC 7748 §6.1), the
   *     key was destroyed, or the provider rejects the peer
   * @throws IllegalArgumentException if {@code peer} belongs to another algorithm
   */
  public byte[] agree(AgreementPublicKey peer) throws CryptoException {
    Objects.requireNonNull(peer, "peer");
    if (peer.algorithm() != algorithm) {
      throw new IllegalArgumentException("peer key is " + peer.algorithm() + ", this key is " + algorithm);
    }
    if (destroyed) {
      throw new CryptoException("private key was destroyed");
    }
    return switch (algorithm) {
      case X25519 -> {
        byte[] shared = new byte[AgreementCodec.X25519_KEY_BYTES];
        if (!X25519.calculateAgreement(x25519, 0, peer.x25519Raw(), 0, shared, 0)) {
          throw new CryptoException("X25519 produced the all-zero shared secret (small-order peer key)");
        }
        yield shared;
      }
      case ECDH_P256 -> {
        PrivateKey key = ec;
        if (key == null) {
          throw new CryptoException("private key was destroyed");
        }
        try {
          KeyAgreement agreement = KeyAgreement.getInstance("ECDH", "SunEC");
          agreement.init(key);
          agreement.doPhase(peer.ecKey(), true);
          yield agreement.generateSecret();
        } catch (GeneralSecurityException | IllegalStateException e) {
          throw new CryptoException("ECDH failed");
        }
      }
    };
  }

  /**
   * Imports a private JWK (the public form plus {@code d}); the public members must be those of
   * {@code d}.
   *
   * @throws CryptoException if the JWK is malformed, of another key type, or inconsistent
   */
  public static AgreementPrivateKey fromJwk(KeyAgreementAlgorithm algorithm, String jwk) throws CryptoException {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(jwk, "jwk");
    return AgreementJwk.readPrivate(algorithm, jwk);
  }

  /**
   * The private JWK (public members plus {@code d}). For sealed storage only.
   *
   * @throws IllegalStateException if the key was destroyed
   */
  public String insecureExportJwk() {
    checkLive();
    return AgreementJwk.writePrivate(this);
  }

  /**
   * The raw private key (see {@link #fromRaw}). For sealed storage only.
   *
   * @throws IllegalStateException if the key was destroyed
   */
  public byte[] insecureExportRaw() {
    checkLive();
    return switch (algorithm) {
      case X25519 -> x25519.clone();
      case ECDH_P256 -> AgreementCodec.fixed(((ECPrivateKey) ec).getS(), AgreementCodec.P256_SCALAR_BYTES);
    };
  }

  /**
   * The PKCS#8 DER private key. For sealed storage only.
   *
   * @throws IllegalStateException if the key was destroyed
   */
  public byte[] insecureExportPkcs8() {
    checkLive();
    return switch (algorithm) {
      case X25519 -> AgreementCodec.concat(AgreementCodec.X25519_PKCS8_PREFIX, x25519);
      case ECDH_P256 -> ec.getEncoded();
    };
  }

  private void checkLive() {
    if (destroyed) {
      throw new IllegalStateException("private key was destroyed");
    }
  }

  /** Zeroes the X25519 scalar or drops the JDK key; agreement then throws. */
  @Override
  public void destroy() {
    destroyed = true;
    if (x25519 != null) {
      Arrays.fill(x25519, (byte) 0);
    }
    ec = null;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "AgreementPrivateKey[" + algorithm + (destroyed ? ", destroyed" : "") + "]";
  }
}
