package dev.bulwark.auth.apikey;

import dev.bulwark.auth.onetime.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where {@link ApiKeys} keeps key records: the SPI. Shipped: {@link InMemoryApiKeyStore} and {@link
 * JdbcApiKeyStore}; both pass one contract test suite. Implementations are thread-safe and every
 * method may throw {@link StoreException}.
 */
public interface ApiKeyStore {
  /** Stores a new record (key id and digest are unique). */
  void insert(ApiKeyRecord record);

  /** The record whose digest is {@code digest}, revoked and expired ones included. */
  Optional<ApiKeyRecord> findByDigest(byte[] digest);

  /** Sets the last-used time of {@code keyId}. */
  void recordUse(String keyId, Instant at);

  /**
   * Revokes {@code keyId} at {@code at} unless already revoked.
   *
   * @return true if this call revoked it, false if it was unknown or already revoked
   */
  boolean revoke(String keyId, Instant at);

  /** Every record of {@code owner}, oldest first. */
  List<ApiKeyRecord> listByOwner(String owner);
}
