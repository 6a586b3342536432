package dev.bulwark.crypto.signature;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A few JDK {@link Signature} objects already initialised for verification with one public key, lent
 * out one caller at a time.
 *
 * <p>Why: {@code Signature.getInstance} plus {@code initVerify} (which re-translates and re-checks the
 * key: for ML-DSA-65 it re-reads the 1952-byte key) cost a few per cent of an ML-DSA-65 verification
 * and more of a P-256 one. The JCA contract makes reuse safe: {@code verify} returns the object to the
 * state {@code initVerify} left it in, bound to the same key and parameters. Only an engine whose
 * {@code verify} returned normally goes back; one that threw is dropped, so a provider's state after an
 * error never carries over. A verifier holds nothing secret.
 *
 * <p>Thread-safe and lock-free: each slot is taken with {@code getAndSet(null)}, so an engine is never
 * used by two callers at once; when every slot is in use a caller builds a fresh engine (the old cost)
 * and offers it back afterwards. Works the same for virtual threads (no thread-locals).
 */
final class VerifierPool {
  private static final int SLOTS = Math.min(8, Integer.highestOneBit(Runtime.getRuntime().availableProcessors() * 2));

  private final SignatureAlgorithm engineAlgorithm;
  private final PublicKey key;
  private final AtomicReferenceArray<Signature> slots = new AtomicReferenceArray<>(SLOTS);

  /**
   * @param engineAlgorithm the engine to build (for DER ECDSA keys: the P1363 engine, see {@link
   *     Signers})
   * @param key the public key every engine is initialised with
   */
  VerifierPool(SignatureAlgorithm engineAlgorithm, PublicKey key) {
    this.engineAlgorithm = engineAlgorithm;
    this.key = key;
  }

  /** An engine initialised for verification with this pool's key, for the caller's sole use. */
  Signature take() throws GeneralSecurityException {
    int start = (int) Thread.currentThread().threadId() & (SLOTS - 1);
    for (int i = 0; i < SLOTS; i++) {
      Signature s = slots.getAndSet((start + i) & (SLOTS - 1), null);
      if (s != null) {
        return s;
      }
    }
    Signature fresh = Signers.engine(engineAlgorithm);
    fresh.initVerify(key);
    return fresh;
  }

  /** Returns an engine whose last {@code verify} returned normally (true or false). */
  void give(Signature engine) {
    int start = (int) Thread.currentThread().threadId() & (SLOTS - 1);
    for (int i = 0; i < SLOTS; i++) {
      if (slots.compareAndSet((start + i) & (SLOTS - 1), null, engine)) {
        return;
      }
    }
  }
}
