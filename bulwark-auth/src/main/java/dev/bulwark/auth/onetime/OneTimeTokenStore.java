package dev.bulwark.auth.onetime;

import java.time.Instant;
import java.util.Optional;

/**
 * Where {@link OneTimeTokens} keeps token hashes: the SPI. Shipped: {@link InMemoryOneTimeTokenStore}
 * and {@link JdbcOneTimeTokenStore}; both pass one contract test suite.
 *
 * <p>The one rule an implementation must keep: {@link #consume} is a single atomic operation that
 * finds and deletes the row. A "find, then delete" pair would let two concurrent requests redeem one
 * token twice. Implementations are thread-safe.
 */
public interface OneTimeTokenStore {
  /**
   * Stores a new token hash.
   *
   * @throws StoreException if the store fails or is full
   */
  void save(StoredToken token);

  /**
   * Atomically deletes the token with this hash and purpose and returns it, if it was there and
   * {@code now} is before its expiry. An expired token is deleted too, and not returned.
   *
   * @throws StoreException if the store fails
   */
  Optional<StoredToken> consume(byte[] tokenHash, TokenPurpose purpose, Instant now);

  /**
   * Deletes every token of {@code subject} for {@code purpose} (after a password change, every
   * outstanding reset link must die).
   *
   * @return how many were deleted
   * @throws StoreException if the store fails
   */
  int deleteAll(String subject, TokenPurpose purpose);

  /**
   * Deletes tokens that expired at or before {@code now}.
   *
   * @return how many were deleted
   * @throws StoreException if the store fails
   */
  int deleteExpired(Instant now);
}
