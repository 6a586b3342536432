package dev.bulwark.auth.ratelimit.internal;

import dev.bulwark.auth.ratelimit.RateLimitBackend;
import dev.bulwark.auth.ratelimit.RateLimitDecision;
import dev.bulwark.auth.ratelimit.RateLimitRule;
import dev.bulwark.auth.ratelimit.RateLimitUnavailableException;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * A distributed backend over a Bucket4j {@link ProxyManager} (Redis, PostgreSQL): the store runs
 * each consume as one compare-and-swap or one locked transaction, so instances never double-spend.
 */
final class ProxyManagerBackend implements RateLimitBackend {
  private final String name;
  private final ProxyManager<String> proxies;
  private final String keyPrefix;

  ProxyManagerBackend(String name, ProxyManager<String> proxies, String keyPrefix) {
    this.name = name;
    this.proxies = proxies;
    this.keyPrefix = keyPrefix;
  }

  @Override
  public RateLimitDecision tryConsume(String key, RateLimitRule rule, long tokens) {
    try {
      return Bucket4jBridge.decision(proxies.builder()
          .build(keyPrefix + rule.name() + ":" + key, () -> Bucket4jBridge.configuration(rule))
          .tryConsumeAndReturnRemaining(tokens));
    } catch (RuntimeException e) {
      // Bucket4j and the drivers throw assorted unchecked types; one type lets callers fail closed.
      throw new RateLimitUnavailableException(name + " rate-limit store failed", e);
    }
  }

  @Override
  public int purgeIdle(int maxKeys) {
    if (proxies instanceof ExpiredEntriesCleaner cleaner) {
      try {
        return cleaner.removeExpired(maxKeys);
      } catch (RuntimeException e) {
        throw new RateLimitUnavailableException(name + " rate-limit store failed", e);
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return name + "RateLimitBackend[prefix=" + keyPrefix + "]";
  }
}
