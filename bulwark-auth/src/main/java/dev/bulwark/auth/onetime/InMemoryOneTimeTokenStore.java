package dev.bulwark.auth.onetime;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-time token hashes in this JVM's heap: for tests and single-instance deployments that accept
 * losing outstanding tokens on restart. {@link #consume} is one {@code ConcurrentHashMap.remove},
 * which is atomic. Holds at most {@code maxTokens} tokens; {@link #save} on a full store first drops
 * expired tokens, then fails. Thread-safe.
 */
public final class InMemoryOneTimeTokenStore implements OneTimeTokenStore {
  /** Default bound on stored tokens. */
  public static final int DEFAULT_MAX_TOKENS = 1_000_000;

  private final Map<ByteBuffer, StoredToken> tokens = new ConcurrentHashMap<>();
  private final int maxTokens;
  private final InstantSource clock;

  /** A store of at most {@value #DEFAULT_MAX_TOKENS} tokens. */
  public InMemoryOneTimeTokenStore() {
    this(DEFAULT_MAX_TOKENS, InstantSource.system());
  }

  /**
   * A store of at most {@code maxTokens} tokens.
   *
   * @param clock the clock that decides which tokens a full store may drop
   * @throws IllegalArgumentException if {@code maxTokens} is not positive
   */
  public InMemoryOneTimeTokenStore(int maxTokens, InstantSource clock) {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be positive");
    }
    this.maxTokens = maxTokens;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void save(StoredToken token) {
    Objects.requireNonNull(token, "token");
    if (tokens.size() >= maxTokens) {
      deleteExpired(clock.instant());
      if (tokens.size() >= maxTokens) {
        throw new StoreException("one-time token store is full (" + maxTokens + " tokens)");
      }
    }
    if (tokens.putIfAbsent(ByteBuffer.wrap(token.tokenHash()), token) != null) {
      throw new StoreException("one-time token hash collision"); // 2^-256: a broken random source
    }
  }

  @Override
  public Optional<StoredToken> consume(byte[] tokenHash, TokenPurpose purpose, Instant now) {
    StoredToken removed = tokens.remove(ByteBuffer.wrap(tokenHash.clone()));
    if (removed == null || removed.purpose() != purpose || !now.isBefore(removed.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(removed);
  }

  @Override
  public int deleteAll(String subject, TokenPurpose purpose) {
    int[] deleted = new int[1];
    tokens.values().removeIf(t -> {
      boolean match = t.subject().equals(subject) && t.purpose() == purpose;
      if (match) {
        deleted[0]++;
      }
      return match;
    });
    return deleted[0];
  }

  @Override
  public int deleteExpired(Instant now) {
    int[] deleted = new int[1];
    tokens.values().removeIf(t -> {
      boolean expired = !now.isBefore(t.expiresAt());
      if (expired) {
        deleted[0]++;
      }
      return expired;
    });
    return deleted[0];
  }

  @Override
  public String toString() {
    return "InMemoryOneTimeTokenStore[" + tokens.size() + "/" + maxTokens + "]";
  }
}
