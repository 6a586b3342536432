package dev.bulwark.crypto.kdf;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.crypto.KDF;
import javax.crypto.SecretKey;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF (RFC 5869) extract-then-expand through the JDK 25 {@link KDF} API: derives keys from a
 * shared secret or master key, separated by {@code info} so that one secret can safely feed many
 * keys.
 *
 * {@snippet :
 * byte[] sendKey = Hkdf.derive(HkdfAlgorithm.HKDF_SHA256, sharedSecret, transcriptHash,
 *     "bulwark channel c2s".getBytes(StandardCharsets.US_ASCII), 32);
 * }
 *
 * <p>An empty {@code salt} means "no salt" (RFC 5869 §2.2: a string of zeros of the hash length).
 * Warning: HKDF does not stretch a low-entropy input; never feed it a password (use the auth
 * module's password hashing).
 *
 * <p>Thread-safe: stateless; a JDK {@code KDF} object is created per call.
 */
public final class Hkdf {
  private Hkdf() {}

  /**
   * @param algorithm the HKDF variant
   * @param inputKeyMaterial the secret to derive from (may be empty, though that is rarely meant)
   * @param salt a non-secret random or protocol value; empty for none
   * @param info context that binds the output to its purpose; empty for none
   * @param lengthBytes 1 to {@link HkdfAlgorithm#maxOutputBytes()}
   * @return {@code lengthBytes} bytes of output keying material
   * @throws IllegalArgumentException if {@code lengthBytes} is out of range
   */
  public static byte[] derive(
      HkdfAlgorithm algorithm, byte[] inputKeyMaterial, byte[] salt, byte[] info, int lengthBytes) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(inputKeyMaterial, "inputKeyMaterial");
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(info, "info");
    if (lengthBytes < 1 || lengthBytes > algorithm.maxOutputBytes()) {
      throw new IllegalArgumentException(
          "HKDF output must be 1 to " + algorithm.maxOutputBytes() + " bytes, got " + lengthBytes);
    }
    HKDFParameterSpec.Builder extract = HKDFParameterSpec.ofExtract();
    if (inputKeyMaterial.length > 0) {
      extract.addIKM(inputKeyMaterial);
    }
    if (salt.length > 0) {
      extract.addSalt(salt);
    }
    try {
      return KDF.getInstance(algorithm.jdkName()).deriveData(extract.thenExpand(info, lengthBytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm.jdkName() + " is missing from the JDK", e);
    } catch (InvalidAlgorithmParameterException e) {
      throw new IllegalArgumentException("HKDF parameters rejected: " + e.getMessage(), e);
    }
  }

  /**
   * {@link #derive} wrapped as a {@link SecretKey} for a JCA algorithm such as {@code "AES"} or
   * {@code "HmacSHA256"}.
   */
  public static SecretKey deriveKey(
      HkdfAlgorithm algorithm,
      byte[] inputKeyMaterial,
      byte[] salt,
      byte[] info,
      int lengthBytes,
      String jcaKeyAlgorithm) {
    byte[] material = derive(algorithm, inputKeyMaterial, salt, info, lengthBytes);
    try {
      return new SecretKeySpec(material, jcaKeyAlgorithm);
    } finally {
      java.util.Arrays.fill(material, (byte) 0);
    }
  }
}
