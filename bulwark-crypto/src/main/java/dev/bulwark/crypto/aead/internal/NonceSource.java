package dev.bulwark.crypto.aead.internal;

import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Random nonces for the random-nonce AEADs: the JDK's SP 800-90A DRBG at 256-bit strength, drawn in
 * blocks of {@value #BLOCK_BYTES} bytes and handed out a nonce at a time.
 *
 * <p>Why: one {@code nextBytes} call on the DRBG costs about as much as sealing a 64-byte message
 * with AES-GCM (a lock, a hash-chain update and a reseed-counter step per call, whatever the
 * length). Drawing 4 KiB at once spreads that over 341 twelve-byte nonces. The bytes are the same
 * DRBG output a direct call would give, and each byte is handed out exactly once: the position only
 * moves forward under the stripe's lock, and a refill overwrites the whole block. Nonces are public
 * (they travel in the ciphertext), so holding the next few in memory reveals nothing a ciphertext
 * does not; keys are never drawn from here.
 *
 * <p>Thread-safe, and friendly to virtual threads: instead of one DRBG per thread (which would seed a
 * new generator for every short-lived virtual thread) there are a few stripes, each a DRBG with its
 * own block and {@link ReentrantLock}, chosen by thread id.
 */
public final class NonceSource {
  static final int BLOCK_BYTES = 4096;
  private static final int STRIPES = stripes();
  private static final Stripe[] TABLE = new Stripe[STRIPES];

  static {
    for (int i = 0; i < STRIPES; i++) {
      TABLE[i] = new Stripe();
    }
  }

  private NonceSource() {}

  /**
   * Fills {@code out[offset, offset+length)} with fresh DRBG bytes never handed out before.
   *
   * @throws IllegalArgumentException if {@code length} exceeds {@value #BLOCK_BYTES} or the range
   *     is outside {@code out}
   */
  public static void fill(byte[] out, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, out.length);
    if (length > BLOCK_BYTES) {
      throw new IllegalArgumentException("a nonce is at most " + BLOCK_BYTES + " bytes");
    }
    TABLE[(int) (Thread.currentThread().threadId() & (STRIPES - 1))].take(out, offset, length);
  }

  private static int stripes() {
    int wanted = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
    return Integer.highestOneBit(Math.min(wanted, 64) - 1) << 1; // next power of two, at most 64
  }

  private static final class Stripe {
    private final ReentrantLock lock = new ReentrantLock();
    private final byte[] block = new byte[BLOCK_BYTES];
    private SecureRandom drbg; // created on first use, under the lock
    private int position = BLOCK_BYTES; // nothing left: the first take refills

    void take(byte[] out, int offset, int length) {
      lock.lock();
      try {
        if (BLOCK_BYTES - position < length) {
          if (drbg == null) {
            drbg = newDrbg();
          }
          drbg.nextBytes(block);
          position = 0;
        }
        System.arraycopy(block, position, out, offset, length);
        position += length;
      } finally {
        lock.unlock();
      }
    }

    private static SecureRandom newDrbg() {
      try {
        return SecureRandom.getInstance(
            "DRBG",
            DrbgParameters.instantiation(
                256,
                DrbgParameters.Capability.RESEED_ONLY,
                "bulwark-aead-nonce".getBytes(StandardCharsets.US_ASCII)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK's DRBG at 256-bit strength is missing", e);
      }
    }
  }
}
