package dev.bulwark.crypto.aead.internal;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.XChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * XChaCha20-Poly1305 through Bouncy Castle's lightweight {@link XChaCha20Poly1305} (HChaCha20
 * subkey + ChaCha20-Poly1305, draft-irtf-cfrg-xchacha §2), which the JDK lacks. One cipher object
 * per thread; the key is held in a buffer this engine zeroes on {@link #destroy()}.
 */
final class XChaChaEngine extends AeadEngine {
  private static final ThreadLocal<XChaCha20Poly1305> CIPHERS = ThreadLocal.withInitial(XChaCha20Poly1305::new);
  private final byte[] key;

  XChaChaEngine(AeadAlgorithm algorithm, byte[] keyBytes) {
    super(algorithm);
    this.key = keyBytes.clone();
  }

  private XChaCha20Poly1305 init(boolean encrypt, byte[] nonce, int nonceOffset, byte[] associatedData)
      throws CryptoException {
    checkUsable();
    byte[] n = Arrays.copyOfRange(nonce, nonceOffset, nonceOffset + algorithm().nonceSizeBytes());
    XChaCha20Poly1305 cipher = CIPHERS.get();
    try {
      // A fresh KeyParameter copies the key, so a concurrent destroy() cannot tear it mid-operation.
      cipher.init(encrypt, new AEADParameters(new KeyParameter(key), 128, n, null));
    } catch (IllegalArgumentException e) {
      throw new CryptoException("the cipher refused its parameters (a repeated nonce?)", e);
    }
    cipher.processAADBytes(associatedData, 0, associatedData.length);
    return cipher;
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
    XChaCha20Poly1305 cipher = init(true, nonce, nonceOffset, associatedData);
    try {
      int n = cipher.processBytes(plaintext, ptOffset, ptLength, out, outOffset);
      cipher.doFinal(out, outOffset + n);
    } catch (InvalidCipherTextException | RuntimeException e) {
      cipher.reset();
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
    XChaCha20Poly1305 cipher = init(false, nonce, nonceOffset, associatedData);
    // Bouncy Castle emits plaintext before the tag is checked: decrypt into a scratch buffer and
    // copy out only after doFinal verified the tag.
    byte[] scratch = new byte[ptLength];
    try {
      int n = cipher.processBytes(in, ctOffset, ctLength, scratch, 0);
      n += cipher.doFinal(scratch, n);
      if (n != ptLength) {
        throw new CryptoException("decryption produced an unexpected length");
      }
      System.arraycopy(scratch, 0, out, outOffset, ptLength);
      return ptLength;
    } catch (InvalidCipherTextException e) {
      throw new CryptoException("authentication failed: wrong key, wrong associated data or modified ciphertext");
    } catch (RuntimeException e) {
      throw new CryptoException("decryption failed", e);
    } finally {
      cipher.reset();
      Arrays.fill(scratch, (byte) 0);
    }
  }

  @Override
  public void destroy() {
    super.destroy();
    Arrays.fill(key, (byte) 0);
  }
}
