package dev.bulwark.crypto.pke;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.signature.RsaModulusSize;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;

/**
 * An RSA private key for RSAES-OAEP with SHA-256 and MGF1-SHA-256, with its public key.
 *
 * <p>Every decryption failure (wrong key, tampered ciphertext, wrong label, bad padding) is the same
 * {@link CryptoException} with the same message, so callers cannot build a padding oracle from our
 * errors (Manger's attack); the JDK's OAEP unpadding is itself written to be constant-time.
 *
 * <p><b>Warning:</b> the JDK's RSA private key cannot be zeroed; {@link #destroy()} drops our
 * reference. Thread-safe.
 */
public final class RsaOaepPrivateKey implements Destroyable {
  private final RsaOaepPublicKey publicKey;
  private volatile PrivateKey key;

  private RsaOaepPrivateKey(RsaOaepPublicKey publicKey, PrivateKey key) {
    this.publicKey = publicKey;
    this.key = key;
  }

  /** A new key of the given size from the system's strong random source. */
  public static RsaOaepPrivateKey generate(RsaModulusSize size) {
    return generate(size, new SecureRandom());
  }

  /** A new key of the given size drawing its randomness from {@code random}. */
  public static RsaOaepPrivateKey generate(RsaModulusSize size, SecureRandom random) {
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(random, "random");
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
      generator.initialize(new RSAKeyGenParameterSpec(size.bits(), RSAKeyGenParameterSpec.F4), random);
      KeyPair pair = generator.generateKeyPair();
      return new RsaOaepPrivateKey(new RsaOaepPublicKey((RSAPublicKey) pair.getPublic()), pair.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks RSA key generation", e);
    }
  }

  /**
   * Imports a PKCS#8 DER RSA private key with CRT parameters (at least 2048 bits).
   *
   * @throws CryptoException if it is malformed, not RSA, lacks CRT parameters, or is too small
   */
  public static RsaOaepPrivateKey fromPkcs8(byte[] pkcs8) throws CryptoException {
    Objects.requireNonNull(pkcs8, "pkcs8");
    try {
      KeyFactory factory = KeyFactory.getInstance("RSA", "SunRsaSign");
      PrivateKey key = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      if (!(key instanceof RSAPrivateCrtKey crt)) {
        throw new CryptoException("RSA private key lacks its CRT parameters");
      }
      RSAPublicKey pub =
          (RSAPublicKey) factory.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
      RsaOaepPublicKey.check(pub);
      return new RsaOaepPrivateKey(new RsaOaepPublicKey(pub), key);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("RSA private key rejected");
    }
  }

  /** The matching public key. */
  public RsaOaepPublicKey publicKey() {
    return publicKey;
  }

  /** Decrypts with an empty label. */
  public byte[] decrypt(byte[] ciphertext) throws CryptoException {
    return decrypt(ciphertext, new byte[0]);
  }

  /**
   * Decrypts {@code ciphertext} made under the OAEP {@code label}.
   *
   * @throws CryptoException for any failure (one message for all, see the class comment)
   */
  public byte[] decrypt(byte[] ciphertext, byte[] label) throws CryptoException {
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(label, "label");
    PrivateKey current = key;
    if (current == null) {
      throw new CryptoException("RSA-OAEP decryption failed");
    }
    try {
      Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding", "SunJCE");
      cipher.init(Cipher.DECRYPT_MODE, current, RsaOaepPublicKey.spec(label));
      return cipher.doFinal(ciphertext);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("RSA-OAEP decryption failed");
    }
  }

  /**
   * The PKCS#8 DER private key. For sealed storage only.
   *
   * @throws IllegalStateException if the key was destroyed
   */
  public byte[] insecureExportPkcs8() {
    PrivateKey current = key;
    if (current == null) {
      throw new IllegalStateException("RSA private key was destroyed");
    }
    return current.getEncoded();
  }

  /** Drops the key; decryption then fails. */
  @Override
  public void destroy() {
    PrivateKey current = key;
    key = null;
    if (current != null) {
      try {
        current.destroy();
      } catch (DestroyFailedException notSupportedByTheJdk) {
        // Documented: the JDK key is left to the garbage collector.
      }
    }
  }

  @Override
  public boolean isDestroyed() {
    return key == null;
  }

  @Override
  public String toString() {
    return "RsaOaepPrivateKey[" + publicKey.modulusBits() + " bits" + (key == null ? ", destroyed" : "") + "]";
  }
}
