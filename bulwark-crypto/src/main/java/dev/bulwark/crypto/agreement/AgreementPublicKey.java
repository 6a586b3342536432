package dev.bulwark.crypto.agreement;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.internal.asym.P256;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * A peer's public key for {@link KeyAgreementAlgorithm key agreement}. P-256 keys are validated on
 * import (domain exactly P-256, point on the curve, not infinity), so an invalid-curve point never
 * reaches the scalar multiplication. X25519 accepts every 32-byte string, as RFC 7748 §5 requires;
 * small-order points are caught by the all-zero check in {@link AgreementPrivateKey#agree}. Not
 * secret; thread-safe: immutable.
 */
public final class AgreementPublicKey {
  private final KeyAgreementAlgorithm algorithm;
  private final byte[] x25519; // raw u-coordinate, X25519 only
  private final ECPublicKey ec; // ECDH_P256 only

  private AgreementPublicKey(KeyAgreementAlgorithm algorithm, byte[] x25519, ECPublicKey ec) {
    this.algorithm = algorithm;
    this.x25519 = x25519;
    this.ec = ec;
  }

  static AgreementPublicKey ofX25519(byte[] raw) {
    return new AgreementPublicKey(KeyAgreementAlgorithm.X25519, raw.clone(), null);
  }

  static AgreementPublicKey ofEc(ECPublicKey key) throws CryptoException {
    P256.checkPublic(key);
    return new AgreementPublicKey(KeyAgreementAlgorithm.ECDH_P256, null, key);
  }

  /**
   * Imports a raw public key: the 32-byte X25519 u-coordinate (RFC 7748), or the 65-byte uncompressed
   * P-256 point {@code 04||x||y} (SEC 1 §2.3.3).
   *
   * @throws CryptoException if the bytes are not a valid key of {@code algorithm}
   */
  public static AgreementPublicKey fromRaw(KeyAgreementAlgorithm algorithm, byte[] raw) throws CryptoException {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(raw, "raw");
    return switch (algorithm) {
      case X25519 -> {
        if (raw.length != AgreementCodec.X25519_KEY_BYTES) {
          throw new CryptoException("an X25519 public key is 32 bytes");
        }
        yield ofX25519(raw);
      }
      case ECDH_P256 -> {
        if (raw.length != AgreementCodec.P256_POINT_BYTES || raw[0] != 4) {
          throw new CryptoException("a raw P-256 public key is the 65-byte uncompressed point");
        }
        ECPoint point =
            new ECPoint(
                new BigInteger(1, Arrays.copyOfRange(raw, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(raw, 33, 65)));
        P256.checkPoint(point);
        try {
          yield ofEc(
              (ECPublicKey)
                  KeyFactory.getInstance("EC", "SunEC").generatePublic(new ECPublicKeySpec(point, P256.params())));
        } catch (GeneralSecurityException e) {
          throw new CryptoException("P-256 public key rejected");
        }
      }
    };
  }

  /**
   * Imports an X.509 SubjectPublicKeyInfo (DER).
   *
   * @throws CryptoException if it is malformed, of another algorithm or curve, or off the curve
   */
  public static AgreementPublicKey fromSpki(KeyAgreementAlgorithm algorithm, byte[] spki) throws CryptoException {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(spki, "spki");
    return switch (algorithm) {
      case X25519 ->
          ofX25519(
              AgreementCodec.stripPrefix(
                  spki, AgreementCodec.X25519_SPKI_PREFIX, AgreementCodec.X25519_KEY_BYTES, "X25519 SPKI"));
      case ECDH_P256 -> {
        PublicKey key;
        try {
          key = KeyFactory.getInstance("EC", "SunEC").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException | RuntimeException e) {
          throw new CryptoException("P-256 public key rejected");
        }
        if (!(key instanceof ECPublicKey ecKey)) {
          throw new CryptoException("not an EC public key");
        }
        yield ofEc(ecKey);
      }
    };
  }

  /**
   * Imports a public JWK: {@code OKP}/{@code X25519} (RFC 8037) or {@code EC}/{@code P-256} (RFC 7518).
   * An {@code alg} other than {@code ECDH-ES}, a {@code use} other than {@code enc}, or private members
   * are refused.
   *
   * @throws CryptoException if the JWK is malformed, of another key type or not a valid key
   */
  public static AgreementPublicKey fromJwk(KeyAgreementAlgorithm algorithm, String jwk) throws CryptoException {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(jwk, "jwk");
    return AgreementJwk.readPublic(algorithm, jwk);
  }

  /** The public JWK, with {@code "use":"enc"} and {@code "alg":"ECDH-ES"}. */
  public String exportJwk() {
    return AgreementJwk.writePublic(this);
  }

  /** The algorithm this key belongs to. */
  public KeyAgreementAlgorithm algorithm() {
    return algorithm;
  }

  /** The raw encoding (see {@link #fromRaw}). */
  public byte[] exportRaw() {
    return switch (algorithm) {
      case X25519 -> x25519.clone();
      case ECDH_P256 -> {
        byte[] out = new byte[AgreementCodec.P256_POINT_BYTES];
        out[0] = 4;
        System.arraycopy(AgreementCodec.fixed(ec.getW().getAffineX(), 32), 0, out, 1, 32);
        System.arraycopy(AgreementCodec.fixed(ec.getW().getAffineY(), 32), 0, out, 33, 32);
        yield out;
      }
    };
  }

  /** The X.509 SubjectPublicKeyInfo DER encoding. */
  public byte[] exportSpki() {
    return switch (algorithm) {
      case X25519 -> AgreementCodec.concat(AgreementCodec.X25519_SPKI_PREFIX, x25519);
      case ECDH_P256 -> ec.getEncoded();
    };
  }

  byte[] x25519Raw() {
    return x25519;
  }

  ECPublicKey ecKey() {
    return ec;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AgreementPublicKey other
        && other.algorithm == algorithm
        && Arrays.equals(other.exportRaw(), exportRaw());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(exportRaw());
  }

  @Override
  public String toString() {
    return "AgreementPublicKey[" + algorithm + "]";
  }
}
