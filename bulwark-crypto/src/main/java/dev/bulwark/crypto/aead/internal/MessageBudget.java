package dev.bulwark.crypto.aead.internal;

import dev.bulwark.crypto.CryptoException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the random-nonce encryptions made with one key and refuses the one past the limit (NIST SP
 * 800-38D §8.3 for GCM: at most 2^32 invocations with random 96-bit nonces).
 *
 * <p>Thread-safe. The count lives in memory: a key loaded again in another process starts from zero,
 * which is why keysets should be rotated on a schedule well inside the limit.
 */
public final class MessageBudget {
  private final long limit;
  private final AtomicLong used = new AtomicLong();

  /** @param limit how many encryptions to allow; {@link Long#MAX_VALUE} for no practical limit */
  public MessageBudget(long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
    this.limit = limit;
  }

  /**
   * Takes one encryption from the budget.
   *
   * @throws CryptoException if the limit has been reached
   */
  public void consume() throws CryptoException {
    // One atomic add instead of a compare-and-set loop, which retries under contention when many
    // threads encrypt with one key. Each caller gets a distinct previous count, so exactly the first
    // `limit` callers pass. Refused calls still add one: the count may exceed the limit (remaining()
    // clamps at zero), and with a 64-bit counter it cannot wrap in any real lifetime.
    if (used.getAndIncrement() >= limit) {
      throw new CryptoException(
          "this key has reached its limit of "
              + limit
              + " random-nonce encryptions (NIST SP 800-38D §8.3): rotate to a new key");
    }
  }

  /** Encryptions left before {@link #consume()} refuses. */
  public long remaining() {
    return Math.max(0, limit - used.get());
  }
}
