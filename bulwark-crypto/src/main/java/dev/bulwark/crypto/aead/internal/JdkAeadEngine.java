package dev.bulwark.crypto.aead.internal;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.internal.BorrowPool;
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
 * with per-thread {@link Cipher}s, one per recently used key (see {@link CipherCache}), and for
 * virtual threads a small pool of ciphers per key.
 *
 * <p>Warning: the JDK's {@link SecretKeySpec} cannot be wiped, so {@link #destroy()} drops the
 * reference but a copy may survive in the heap until collected, and each thread's JDK cipher keeps
 * the bytes of the last key it was initialised with until it is re-keyed or collected.
 */
final class JdkAeadEngine extends AeadEngine {
  enum Mode {
    GCM("AES/GCM/NoPadding", "AES"),
    CHACHA20_POLY1305("ChaCha20-Poly1305", "ChaCha20");

    private final String transformation;
    private final String keyAlgorithm;
    // Cipher.getInstance costs about as much as sealing 1 KiB; the JDK cipher must be re-initialised
    // with a fresh nonce for every encryption anyway, so per-thread instances are safe to reuse.
    private final ThreadLocal<CipherCache> ciphers = ThreadLocal.withInitial(() -> new CipherCache(this));

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

  /**
   * This thread's last few {@link Cipher}s of one mode, each kept for one engine (key). Why: the
   * JDK's AES re-runs its key schedule whenever a cipher is initialised with another key than last
   * time, and that costs about as much as sealing a 64-byte message (measured: two keys alternating
   * on one thread and one shared cipher, 760 ns per 64-byte seal against 414 ns with one key). A
   * keyset that encrypts under its primary and decrypts under older keys, or a service holding a
   * key per tenant, alternates keys all the time. {@value #SIZE} entries per thread and mode bound
   * the memory; beyond that the oldest entry's cipher is re-keyed (round robin), which is the old
   * behaviour. Not thread-safe: reached only through a {@link ThreadLocal}.
   *
   * <p>An entry holds its engine strongly until evicted; a destroyed engine has dropped its key, and
   * the JDK cipher keeps copies of its last key's bytes whether or not it is cached here (see the
   * class comment).
   */
  static final class CipherCache {
    static final int SIZE = 4;
    private final Mode mode;
    private final JdkAeadEngine[] owners = new JdkAeadEngine[SIZE];
    private final Cipher[] ciphers = new Cipher[SIZE];
    private int next;

    CipherCache(Mode mode) {
      this.mode = mode;
    }

    Cipher forEngine(JdkAeadEngine engine) {
      for (int i = 0; i < SIZE; i++) {
        if (owners[i] == engine) {
          return ciphers[i];
        }
      }
      int slot = next;
      next = (slot + 1) % SIZE;
      Cipher cipher = ciphers[slot];
      if (cipher == null) {
        cipher = mode.newCipher();
        ciphers[slot] = cipher;
      }
      owners[slot] = engine;
      return cipher;
    }
  }

  /** Ciphers kept per key for virtual threads (see {@link #borrow()}); beyond this, extras are dropped. */
  static final int VIRTUAL_POOL_SIZE = 8;

  private final Mode mode;
  private volatile SecretKeySpec key;
  // Virtual threads borrow a cipher already initialised with this key (see BorrowPool): a
  // thread-local cache would make every message pay Cipher.getInstance and the key schedule (2-3 µs).
  private final BorrowPool<Cipher> forVirtualThreads;

  JdkAeadEngine(AeadAlgorithm algorithm, byte[] keyBytes, Mode mode) {
    super(algorithm);
    this.mode = mode;
    this.key = new SecretKeySpec(keyBytes, mode.keyAlgorithm);
    this.forVirtualThreads = new BorrowPool<>(VIRTUAL_POOL_SIZE, mode::newCipher);
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
    Cipher cipher = borrow();
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
    } finally {
      giveBack(cipher);
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
    Cipher cipher = borrow();
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
    } finally {
      giveBack(cipher);
    }
  }

  /**
   * A cipher for this message: on a platform thread, this thread's cached one for this key; on a
   * virtual thread, one from this key's pool (or a new one when the pool is empty). Every use
   * re-initialises it with the key and a fresh nonce, so nothing of one message carries over.
   */
  private Cipher borrow() {
    if (!Thread.currentThread().isVirtual()) {
      return mode.ciphers.get().forEngine(this);
    }
    return forVirtualThreads.take();
  }

  /** Returns a virtual thread's cipher to the pool, unless the key was destroyed meanwhile. */
  private void giveBack(Cipher cipher) {
    if (!Thread.currentThread().isVirtual() || key == null) {
      return;
    }
    forVirtualThreads.give(cipher);
    if (key == null) {
      forVirtualThreads.clear(); // destroyed while we returned it: keep no cipher of a dead key
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
    forVirtualThreads.clear();
  }
}
