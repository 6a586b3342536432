package dev.bulwark.crypto.signature;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.internal.asym.P256;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;

/**
 * Standard key encodings for the signature keys: fixed-prefix DER for Ed25519 (RFC 8410) and
 * ML-DSA-65 (RFC 9881 / the LAMPS ML-DSA certificate profile), the JDK's key factories for EC and RSA,
 * and the checks every imported key passes (curve membership, modulus size). Fixed-prefix parsing
 * for the fixed-size keys means no general ASN.1 parser sees untrusted input.
 */
final class KeyCodec {
  static final int ED25519_KEY_BYTES = 32;
  static final int ML_DSA_65_PUBLIC_BYTES = 1952;
  static final int MIN_RSA_BITS = 2048;
  static final int MAX_RSA_BITS = 16384;

  private static final HexFormat HEX = HexFormat.of();
  static final byte[] ED25519_SPKI_PREFIX = HEX.parseHex("302a300506032b6570032100");
  static final byte[] ED25519_PKCS8_PREFIX = HEX.parseHex("302e020100300506032b657004220420");
  static final byte[] ML_DSA_65_SPKI_PREFIX =
      HEX.parseHex("308207b2300b0609608648016503040312038207a100");

  private KeyCodec() {}

  /** The bytes after {@code prefix}, which must be followed by exactly {@code length} bytes. */
  static byte[] stripPrefix(byte[] der, byte[] prefix, int length, String what) throws CryptoException {
    if (der.length != prefix.length + length
        || !Arrays.equals(der, 0, prefix.length, prefix, 0, prefix.length)) {
      throw new CryptoException("not a " + what);
    }
    return Arrays.copyOfRange(der, prefix.length, der.length);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static PublicKey jdkPublic(String algorithm, String provider, byte[] spki) throws CryptoException {
    return jdkPublic(algorithm, provider, new X509EncodedKeySpec(spki));
  }

  static PublicKey jdkPublic(String algorithm, String provider, KeySpec spec) throws CryptoException {
    try {
      return KeyFactory.getInstance(algorithm, provider).generatePublic(spec);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("public key rejected");
    }
  }

  static PrivateKey jdkPrivate(String algorithm, String provider, KeySpec spec) throws CryptoException {
    try {
      return KeyFactory.getInstance(algorithm, provider).generatePrivate(spec);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("private key rejected");
    }
  }

  static PrivateKey jdkPrivate(String algorithm, String provider, byte[] pkcs8) throws CryptoException {
    return jdkPrivate(algorithm, provider, new PKCS8EncodedKeySpec(pkcs8));
  }

  /** An RSA key from SPKI, under either the rsaEncryption or the id-RSASSA-PSS identifier. */
  static RSAPublicKey rsaPublic(byte[] spki) throws CryptoException {
    PublicKey key;
    try {
      key = jdkPublic("RSA", "SunRsaSign", spki);
    } catch (CryptoException notRsaEncryption) {
      key = jdkPublic("RSASSA-PSS", "SunRsaSign", spki);
    }
    RSAPublicKey rsa = (RSAPublicKey) key;
    checkRsa(rsa);
    return rsa;
  }

  static void checkRsa(RSAKey key) throws CryptoException {
    int bits = key.getModulus().bitLength();
    if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
      throw new CryptoException("RSA modulus must be " + MIN_RSA_BITS + " to " + MAX_RSA_BITS + " bits");
    }
    if (key instanceof RSAPublicKey pub) {
      BigInteger e = pub.getPublicExponent();
      if (!e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0) {
        throw new CryptoException("RSA public exponent must be odd and at least 3");
      }
    }
  }

  static ECPublicKey ecPublic(byte[] spki) throws CryptoException {
    ECPublicKey key = (ECPublicKey) jdkPublic("EC", "SunEC", spki);
    P256.checkPublic(key);
    return key;
  }

  static ECPublicKey ecPublic(BigInteger x, BigInteger y) throws CryptoException {
    ECPoint point = new ECPoint(x, y);
    P256.checkPoint(point);
    return (ECPublicKey) jdkPublic("EC", "SunEC", new ECPublicKeySpec(point, P256.params()));
  }

  /** The public key of a P-256 private key: d·G, through Bouncy Castle's curve arithmetic. */
  static ECPublicKey ecPublicOf(ECPrivateKey key) throws CryptoException {
    P256.checkDomain(key);
    BigInteger d = key.getS();
    if (d.signum() <= 0 || d.compareTo(P256.params().getOrder()) >= 0) {
      throw new CryptoException("P-256 private scalar out of range");
    }
    X9ECParameters curve = ECNamedCurveTable.getByName(P256.CURVE_NAME);
    org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(d).normalize();
    return ecPublic(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
  }

  /** A big-endian unsigned integer in exactly {@code length} bytes. */
  static byte[] fixed(BigInteger value, int length) {
    byte[] raw = value.toByteArray();
    if (raw.length == length) {
      return raw;
    }
    byte[] out = new byte[length];
    if (raw.length > length) {
      System.arraycopy(raw, raw.length - length, out, 0, length);
    } else {
      System.arraycopy(raw, 0, out, length - raw.length, raw.length);
    }
    return out;
  }

  /** A big-endian unsigned integer with no leading zero bytes (JWK RSA members, RFC 7518 §6.3). */
  static byte[] unsigned(BigInteger value) {
    byte[] raw = value.toByteArray();
    return raw.length > 1 && raw[0] == 0 ? Arrays.copyOfRange(raw, 1, raw.length) : raw;
  }
}
