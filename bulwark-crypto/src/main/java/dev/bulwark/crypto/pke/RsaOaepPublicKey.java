package dev.bulwark.crypto.pke;

import dev.bulwark.crypto.CryptoException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * An RSA public key for RSAES-OAEP with SHA-256 and MGF1-SHA-256 (RFC 8017 §7.1), through the JDK's
 * SunJCE provider. Imports require a modulus of at least 2048 bits (new keys are 3072 or 4096) and an
 * odd public exponent of at least 3.
 *
 * <p>RSA-OAEP encrypts at most {@link #maxPlaintextBytes()} bytes (190 for 2048 bits, 318 for 3072):
 * use it to wrap keys. For data, prefer {@link XWingHybridEncryption}. Not secret; thread-safe.
 */
public final class RsaOaepPublicKey {
  static final OAEPParameterSpec SHA256 = spec(new byte[0]);
  static final int MIN_BITS = 2048;
  static final int MAX_BITS = 16384;

  private final RSAPublicKey key;

  RsaOaepPublicKey(RSAPublicKey key) {
    this.key = key;
  }

  static OAEPParameterSpec spec(byte[] label) {
    return new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, new PSource.PSpecified(label));
  }

  static void check(RSAPublicKey key) throws CryptoException {
    int bits = key.getModulus().bitLength();
    BigInteger e = key.getPublicExponent();
    if (bits < MIN_BITS || bits > MAX_BITS) {
      throw new CryptoException("RSA modulus must be " + MIN_BITS + " to " + MAX_BITS + " bits");
    }
    if (!e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0) {
      throw new CryptoException("RSA public exponent must be odd and at least 3");
    }
  }

  /**
   * Imports an X.509 SubjectPublicKeyInfo (DER) with the rsaEncryption identifier.
   *
   * @throws CryptoException if it is malformed, not RSA, or too small
   */
  public static RsaOaepPublicKey fromSpki(byte[] spki) throws CryptoException {
    Objects.requireNonNull(spki, "spki");
    PublicKey key;
    try {
      key = KeyFactory.getInstance("RSA", "SunRsaSign").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("RSA public key rejected");
    }
    if (!(key instanceof RSAPublicKey rsa)) {
      throw new CryptoException("not an RSA public key");
    }
    check(rsa);
    return new RsaOaepPublicKey(rsa);
  }

  /** The X.509 SubjectPublicKeyInfo DER encoding. */
  public byte[] exportSpki() {
    return key.getEncoded();
  }

  /** The modulus length in bits. */
  public int modulusBits() {
    return key.getModulus().bitLength();
  }

  /** The largest plaintext this key encrypts: {@code k - 2·32 - 2} bytes (RFC 8017 §7.1.1). */
  public int maxPlaintextBytes() {
    return (modulusBits() + 7) / 8 - 2 * 32 - 2;
  }

  /** Encrypts with an empty label and the system's strong random source. */
  public byte[] encrypt(byte[] plaintext) throws CryptoException {
    return encrypt(plaintext, new byte[0], new SecureRandom());
  }

  /**
   * Encrypts {@code plaintext} under the OAEP {@code label} (authenticated, not sent).
   *
   * @throws IllegalArgumentException if the plaintext exceeds {@link #maxPlaintextBytes()}
   * @throws CryptoException if the provider fails
   */
  public byte[] encrypt(byte[] plaintext, byte[] label, SecureRandom random) throws CryptoException {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(random, "random");
    if (plaintext.length > maxPlaintextBytes()) {
      throw new IllegalArgumentException("RSA-OAEP plaintext over " + maxPlaintextBytes() + " bytes");
    }
    try {
      Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding", "SunJCE");
      cipher.init(Cipher.ENCRYPT_MODE, key, spec(label), random);
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("RSA-OAEP encryption failed", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RsaOaepPublicKey other && Arrays.equals(other.exportSpki(), exportSpki());
  }

  @Override
  public int hashCode() {
    return key.getModulus().hashCode();
  }

  @Override
  public String toString() {
    return "RsaOaepPublicKey[" + modulusBits() + " bits]";
  }
}
