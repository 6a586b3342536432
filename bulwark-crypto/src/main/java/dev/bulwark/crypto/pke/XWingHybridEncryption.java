package dev.bulwark.crypto.pke;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.kdf.Hkdf;
import dev.bulwark.crypto.kdf.HkdfAlgorithm;
import dev.bulwark.crypto.kem.KemAlgorithm;
import dev.bulwark.crypto.kem.KemEncapsulation;
import dev.bulwark.crypto.kem.KemPrivateKey;
import dev.bulwark.crypto.kem.KemPublicKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hybrid public-key encryption on X-Wing: KEM → HKDF-SHA256 → AES-256-GCM, in the versioned format
 * of {@code docs/hybrid-encryption.md}:
 *
 * <pre>
 * ciphertext = 0x01 (version) || 0x01 (suite) || enc (1120-byte X-Wing ciphertext) || AES-GCM ct || tag (16)
 * key || nonce = HKDF-SHA256(ikm = ss, salt = "", info = "bulwark-hybrid-v1" || version || suite, 44 bytes)
 * aad = version || suite || enc || contextInfo
 * </pre>
 *
 * <p>The AES key is used for exactly one message, so a nonce derived alongside it is safe. The
 * header, the encapsulation and the caller's context are all authenticated: changing any byte, or
 * decrypting with another key or context, fails with {@link CryptoException}. Post-quantum and
 * classically secure as long as either ML-KEM-768 or X25519 holds. Thread-safe: stateless.
 *
 * {@snippet :
 * byte[] ct = XWingHybridEncryption.encrypter(recipientPublicKey).encrypt(plaintext, context);
 * byte[] pt = XWingHybridEncryption.decrypter(recipientPrivateKey).decrypt(ct, context);
 * }
 */
public final class XWingHybridEncryption {
  /** The format version this class writes and reads. */
  public static final byte VERSION = 0x01;
  /** Suite 1: X-Wing, HKDF-SHA256, AES-256-GCM. */
  public static final byte SUITE_XWING_HKDF_SHA256_AES256GCM = 0x01;

  static final int HEADER_BYTES = 2;
  static final int TAG_BYTES = 16;
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final byte[] INFO_LABEL = "bulwark-hybrid-v1".getBytes(StandardCharsets.US_ASCII);

  private XWingHybridEncryption() {}

  /** Bytes added to every plaintext: header, X-Wing ciphertext and GCM tag (1138). */
  public static int overheadBytes() {
    return HEADER_BYTES + KemAlgorithm.X_WING.ciphertextBytes() + TAG_BYTES;
  }

  /**
   * An encrypter to {@code recipient}.
   *
   * @throws IllegalArgumentException unless the key is an X-Wing key
   */
  public static HybridEncrypt encrypter(KemPublicKey recipient) {
    return encrypter(recipient, new SecureRandom());
  }

  /** An encrypter drawing its encapsulation randomness from {@code random}. */
  public static HybridEncrypt encrypter(KemPublicKey recipient, SecureRandom random) {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(random, "random");
    requireXWing(recipient.algorithm());
    return (plaintext, contextInfo) -> {
      Objects.requireNonNull(plaintext, "plaintext");
      Objects.requireNonNull(contextInfo, "contextInfo");
      KemEncapsulation encapsulation = recipient.encapsulate(random);
      byte[] enc = encapsulation.ciphertext();
      byte[] header = {VERSION, SUITE_XWING_HKDF_SHA256_AES256GCM};
      byte[] secret = encapsulation.sharedSecret();
      encapsulation.destroy();
      Cipher gcm = cipher(Cipher.ENCRYPT_MODE, secret, header);
      try {
        gcm.updateAAD(header);
        gcm.updateAAD(enc);
        gcm.updateAAD(contextInfo);
        byte[] out = new byte[HEADER_BYTES + enc.length + gcm.getOutputSize(plaintext.length)];
        System.arraycopy(header, 0, out, 0, HEADER_BYTES);
        System.arraycopy(enc, 0, out, HEADER_BYTES, enc.length);
        gcm.doFinal(plaintext, 0, plaintext.length, out, HEADER_BYTES + enc.length);
        return out;
      } catch (GeneralSecurityException e) {
        throw new CryptoException("hybrid encryption failed", e);
      }
    };
  }

  /**
   * A decrypter for {@code recipient}.
   *
   * @throws IllegalArgumentException unless the key is an X-Wing key
   */
  public static HybridDecrypt decrypter(KemPrivateKey recipient) {
    Objects.requireNonNull(recipient, "recipient");
    requireXWing(recipient.algorithm());
    return (ciphertext, contextInfo) -> {
      Objects.requireNonNull(ciphertext, "ciphertext");
      Objects.requireNonNull(contextInfo, "contextInfo");
      int encBytes = KemAlgorithm.X_WING.ciphertextBytes();
      if (ciphertext.length < overheadBytes()) {
        throw new CryptoException("hybrid ciphertext is truncated");
      }
      if (ciphertext[0] != VERSION) {
        throw new CryptoException("unsupported hybrid ciphertext version");
      }
      if (ciphertext[1] != SUITE_XWING_HKDF_SHA256_AES256GCM) {
        throw new CryptoException("unsupported hybrid ciphertext suite");
      }
      byte[] header = Arrays.copyOf(ciphertext, HEADER_BYTES);
      byte[] enc = Arrays.copyOfRange(ciphertext, HEADER_BYTES, HEADER_BYTES + encBytes);
      byte[] secret = recipient.decapsulate(enc);
      Cipher gcm = cipher(Cipher.DECRYPT_MODE, secret, header);
      try {
        gcm.updateAAD(header);
        gcm.updateAAD(enc);
        gcm.updateAAD(contextInfo);
        int offset = HEADER_BYTES + encBytes;
        return gcm.doFinal(ciphertext, offset, ciphertext.length - offset);
      } catch (AEADBadTagException e) {
        throw new CryptoException("hybrid ciphertext failed authentication (tampered, wrong key or wrong context)");
      } catch (GeneralSecurityException e) {
        throw new CryptoException("hybrid decryption failed");
      }
    };
  }

  /** AES-256-GCM keyed by HKDF-SHA256 from the KEM secret, which is zeroed here. */
  private static Cipher cipher(int mode, byte[] secret, byte[] header) throws CryptoException {
    byte[] info = new byte[INFO_LABEL.length + header.length];
    System.arraycopy(INFO_LABEL, 0, info, 0, INFO_LABEL.length);
    System.arraycopy(header, 0, info, INFO_LABEL.length, header.length);
    byte[] okm = Hkdf.derive(HkdfAlgorithm.HKDF_SHA256, secret, new byte[0], info, KEY_BYTES + NONCE_BYTES);
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
      gcm.init(
          mode,
          new SecretKeySpec(okm, 0, KEY_BYTES, "AES"),
          new GCMParameterSpec(TAG_BYTES * 8, okm, KEY_BYTES, NONCE_BYTES));
      return gcm;
    } catch (GeneralSecurityException e) {
      throw new CryptoException("AES-256-GCM unavailable", e);
    } finally {
      Arrays.fill(okm, (byte) 0);
      Arrays.fill(secret, (byte) 0);
    }
  }

  private static void requireXWing(KemAlgorithm algorithm) {
    if (algorithm != KemAlgorithm.X_WING) {
      throw new IllegalArgumentException("hybrid encryption suite 1 needs an X-Wing key, got " + algorithm);
    }
  }
}
