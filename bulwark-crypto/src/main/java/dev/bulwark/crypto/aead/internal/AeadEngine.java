package dev.bulwark.crypto.aead.internal;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import java.util.Objects;

/**
 * One AEAD key bound to its algorithm, with an explicit-nonce seal and open. This is the layer the
 * public APIs (random-nonce {@code Aead}, keysets, streaming segments, sessions) compose; callers of
 * this class are responsible for never repeating a nonce under one key.
 *
 * <p>Thread-safe: the cipher objects are per thread (creating one per message would cost more than
 * sealing a small message), and are re-initialised for every operation.
 */
public abstract sealed class AeadEngine permits JdkAeadEngine, XChaChaEngine {
  private final AeadAlgorithm algorithm;
  private volatile boolean destroyed;

  AeadEngine(AeadAlgorithm algorithm) {
    this.algorithm = algorithm;
  }

  /**
   * @param algorithm the algorithm
   * @param key exactly {@link AeadAlgorithm#keySizeBytes()} bytes; copied
   * @throws IllegalArgumentException if the key has the wrong length
   */
  public static AeadEngine create(AeadAlgorithm algorithm, byte[] key) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(key, "key");
    if (key.length != algorithm.keySizeBytes()) {
      throw new IllegalArgumentException(
          algorithm + " needs a " + algorithm.keySizeBytes() + "-byte key, got " + key.length + " bytes");
    }
    return switch (algorithm) {
      case AES256_GCM -> new JdkAeadEngine(algorithm, key, JdkAeadEngine.Mode.GCM);
      case CHACHA20_POLY1305 -> new JdkAeadEngine(algorithm, key, JdkAeadEngine.Mode.CHACHA20_POLY1305);
      case XCHACHA20_POLY1305 -> new XChaChaEngine(algorithm, key);
    };
  }

  /** The algorithm this key is for. */
  public final AeadAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Encrypts {@code plaintext[ptOffset, ptOffset+ptLength)} and writes {@code ciphertext || tag}
   * ({@code ptLength + tagSizeBytes} bytes) to {@code out} at {@code outOffset}.
   *
   * @param nonce a buffer holding the nonce at {@code nonceOffset} (may be {@code out} itself)
   * @throws CryptoException if the key was destroyed or the provider refused (e.g. a repeated nonce)
   */
  public abstract void seal(
      byte[] nonce,
      int nonceOffset,
      byte[] plaintext,
      int ptOffset,
      int ptLength,
      byte[] associatedData,
      byte[] out,
      int outOffset)
      throws CryptoException;

  /**
   * Verifies and decrypts {@code in[ctOffset, ctOffset+ctLength)} ({@code ciphertext || tag}) and
   * writes the plaintext to {@code out} at {@code outOffset}; nothing is written unless the tag
   * verifies.
   *
   * @return the plaintext length ({@code ctLength - tagSizeBytes})
   * @throws CryptoException if the input is shorter than a tag, the tag does not verify, or the key
   *     was destroyed
   */
  public abstract int open(
      byte[] nonce,
      int nonceOffset,
      byte[] in,
      int ctOffset,
      int ctLength,
      byte[] associatedData,
      byte[] out,
      int outOffset)
      throws CryptoException;

  /** {@link #seal} into a new array. */
  public final byte[] seal(byte[] nonce, byte[] plaintext, byte[] associatedData) throws CryptoException {
    checkNonce(nonce, 0);
    byte[] out = new byte[plaintext.length + algorithm.tagSizeBytes()];
    seal(nonce, 0, plaintext, 0, plaintext.length, associatedData, out, 0);
    return out;
  }

  /** {@link #open} into a new array. */
  public final byte[] open(byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData)
      throws CryptoException {
    checkNonce(nonce, 0);
    int length = checkCiphertext(ciphertextAndTag.length);
    byte[] out = new byte[length];
    open(nonce, 0, ciphertextAndTag, 0, ciphertextAndTag.length, associatedData, out, 0);
    return out;
  }

  /** Erases the key material this engine holds; later operations throw {@link CryptoException}. */
  public void destroy() {
    destroyed = true;
  }

  /** Whether {@link #destroy()} was called. */
  public final boolean isDestroyed() {
    return destroyed;
  }

  final void checkUsable() throws CryptoException {
    if (destroyed) {
      throw new CryptoException("the key was destroyed");
    }
  }

  final int checkCiphertext(int ctLength) throws CryptoException {
    if (ctLength < algorithm.tagSizeBytes()) {
      throw new CryptoException("ciphertext shorter than its authentication tag");
    }
    return ctLength - algorithm.tagSizeBytes();
  }

  private void checkNonce(byte[] nonce, int offset) {
    if (nonce.length - offset != algorithm.nonceSizeBytes()) {
      throw new IllegalArgumentException(
          algorithm + " needs a " + algorithm.nonceSizeBytes() + "-byte nonce, got " + nonce.length);
    }
  }
}
