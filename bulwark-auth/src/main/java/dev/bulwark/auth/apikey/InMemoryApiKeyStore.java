package dev.bulwark.auth.apikey;

import dev.bulwark.auth.onetime.StoreException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API key records in this JVM's heap, for tests and single-instance deployments. Holds at most
 * {@code maxKeys} records. Thread-safe: every change is one atomic map operation.
 */
public final class InMemoryApiKeyStore implements ApiKeyStore {
  private final Map<String, ApiKeyRecord> byId = new ConcurrentHashMap<>();
  private final Map<ByteBuffer, String> idByDigest = new ConcurrentHashMap<>();
  private final int maxKeys;

  /**
   * A store of at most {@code maxKeys} records.
   *
   * @throws IllegalArgumentException if {@code maxKeys} is not positive
   */
  public InMemoryApiKeyStore(int maxKeys) {
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be positive");
    }
    this.maxKeys = maxKeys;
  }

  @Override
  public void insert(ApiKeyRecord record) {
    Objects.requireNonNull(record, "record");
    if (byId.size() >= maxKeys) {
      throw new StoreException("API key store is full (" + maxKeys + " keys)");
    }
    if (idByDigest.putIfAbsent(ByteBuffer.wrap(record.digest()), record.keyId()) != null) {
      throw new StoreException("API key digest already stored");
    }
    if (byId.putIfAbsent(record.keyId(), record) != null) {
      idByDigest.remove(ByteBuffer.wrap(record.digest()));
      throw new StoreException("API key id already stored");
    }
  }

  @Override
  public Optional<ApiKeyRecord> findByDigest(byte[] digest) {
    String id = idByDigest.get(ByteBuffer.wrap(digest.clone()));
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  @Override
  public void recordUse(String keyId, Instant at) {
    byId.computeIfPresent(keyId, (k, r) -> new ApiKeyRecord(r.keyId(), r.digest(), r.hint(), r.owner(), r.scopes(),
        r.createdAt(), r.expiresAt(), Optional.of(at), r.revokedAt()));
  }

  @Override
  public boolean revoke(String keyId, Instant at) {
    boolean[] revoked = new boolean[1];
    byId.computeIfPresent(keyId, (k, r) -> {
      if (r.revokedAt().isPresent()) {
        return r;
      }
      revoked[0] = true;
      return new ApiKeyRecord(r.keyId(), r.digest(), r.hint(), r.owner(), r.scopes(), r.createdAt(), r.expiresAt(),
          r.lastUsedAt(), Optional.of(at));
    });
    return revoked[0];
  }

  @Override
  public List<ApiKeyRecord> listByOwner(String owner) {
    return byId.values().stream().filter(r -> r.owner().equals(owner))
        .sorted(Comparator.comparing(ApiKeyRecord::createdAt).thenComparing(ApiKeyRecord::keyId)).toList();
  }

  @Override
  public String toString() {
    return "InMemoryApiKeyStore[" + byId.size() + "/" + maxKeys + "]";
  }
}
