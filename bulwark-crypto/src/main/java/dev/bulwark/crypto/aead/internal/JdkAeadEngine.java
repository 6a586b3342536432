package dev.bulwark.crypto.aead.internal;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM and ChaCha20-Poly1305 from the JDK's SunJCE provider (intrinsified on this hardware),
 * with one {@link Cipher} per thread and algorithm.
 *
 * <p>Warning: the JDK's {@link SecretKeySpec} cannot be wiped, so {@link #destroy()} drops the
 * reference but a copy may survive in the heap until collected.
 */
final class JdkAeadEngine extends AeadEngine {
  enum Mode {
    GCM("AES/GCM/NoPadding", "AES"),
    CHACHA20_POLY1305("ChaCha20-Poly1305", "ChaCha20");

    private final String transformation;
    private final String keyAlgorithm;
    // Cipher.getInstance costs about as much as sealing 1 KiB; the JDK cipher must be re-initialised
    // with a fresh nonce for every encryption anyway, so a per-thread instance is safe to reuse.
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(this::newCipher);

    Mode(String transformation, String keyAlgorithm) {
      this.transformation = transformation;
      this.keyAlgorithm = keyAlgorithm;
    }

    private Cipher newCipher() {
      try {
        return Cipher.getInstance(transformation);
      } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
        throw new IllegalStateException(transformation + " is missing from the JDK", e);
      }
    }

    AlgorithmParameterSpec nonceSpec(byte[] nonce, int offset, int length) {
      return switch (this) {
        case GCM -> new GCMParameterSpec(128, nonce, offset, length);
        case CHACHA20_POLY1305 -> new IvParameterSpec(nonce, offset, length);
      };
    }
  }

  private final Mode mode;
  private volatile SecretKeySpec key;

  JdkAeadEngine(AeadAlgorithm algorithm, byte[] keyBytes, Mode mode) {
    super(algorithm);
    this.mode = mode;
    this.key = new SecretKeySpec(keyBytes, mode.keyAlgorithm);
  }

  @Override
  public void seal(
      byte[] nonce,
      int nonceOffset,
      byte[] plaintext,
      int ptOffset,
      int ptLength,
      byte[] associatedData,
      byte[] out,
      int outOffset)
      throws CryptoException {
    SecretKeySpec k = usableKey();
    Cipher cipher = mode.ciphers.get();
    try {
      cipher.init(Cipher.ENCRYPT_MODE, k, mode.nonceSpec(nonce, nonceOffset, algorithm().nonceSizeBytes()));
      if (associatedData.length > 0) {
        // Empty associated data is the same as none (GCM and RFC 8439 both MAC a zero length), and
        // skipping the call spares the JDK an AAD buffer per message.
        cipher.updateAAD(associatedData);
      }
      cipher.doFinal(plaintext, ptOffset, ptLength, out, outOffset);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("encryption failed", e);
    }
  }

  @Override
  public int open(
      byte[] nonce,
      int nonceOffset,
      byte[] in,
      int ctOffset,
      int ctLength,
      byte[] associatedData,
      byte[] out,
      int outOffset)
      throws CryptoException {
    int ptLength = checkCiphertext(ctLength);
    SecretKeySpec k = usableKey();
    Cipher cipher = mode.ciphers.get();
    try {
      cipher.init(Cipher.DECRYPT_MODE, k, mode.nonceSpec(nonce, nonceOffset, algorithm().nonceSizeBytes()));
      if (associatedData.length > 0) {
        cipher.updateAAD(associatedData);
      }
      // The JDK buffers the whole input and releases plaintext only after the tag verified.
      int written = cipher.doFinal(in, ctOffset, ctLength, out, outOffset);
      if (written != ptLength) {
        Arrays.fill(out, outOffset, outOffset + written, (byte) 0);
        throw new CryptoException("decryption produced an unexpected length");
      }
      return written;
    } catch (AEADBadTagException e) {
      throw new CryptoException("authentication failed: wrong key, wrong associated data or modified ciphertext");
    } catch (GeneralSecurityException e) {
      throw new CryptoException("decryption failed", e);
    }
  }

  private SecretKeySpec usableKey() throws CryptoException {
    checkUsable();
    SecretKeySpec k = key;
    if (k == null) {
      throw new CryptoException("the key was destroyed");
    }
    return k;
  }

  @Override
  public void destroy() {
    super.destroy();
    key = null;
  }
}
