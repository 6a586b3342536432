package dev.bulwark.auth.ratelimit.internal;

import dev.bulwark.auth.ratelimit.RateLimitBackend;
import dev.bulwark.auth.ratelimit.RateLimitDecision;
import dev.bulwark.auth.ratelimit.RateLimitRule;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucket;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Buckets in this JVM's heap, at most {@code maxKeys} of them. A key idle for its rule's full refill
 * time is dropped (its bucket is full, so nothing is lost). When the table is full of active keys a
 * new key is refused (fail closed) rather than evicting an active one: eviction would hand the
 * evicted client a fresh budget, and an attacker could force it by spraying new keys.
 */
final class LocalBackend implements RateLimitBackend {
  private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
  private static final Duration FULL_RETRY_AFTER = Duration.ofSeconds(1);

  private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
  private final int maxKeys;
  private final InstantSource clock;
  private final TimeMeter timeMeter;
  private final AtomicLong lastSweepNanos = new AtomicLong(Long.MIN_VALUE);

  LocalBackend(int maxKeys, InstantSource clock) {
    this.maxKeys = maxKeys;
    this.clock = clock;
    this.timeMeter = Bucket4jBridge.timeMeter(clock);
  }

  private static final class Entry {
    final LocalBucket bucket;
    final long idleAfterNanos;
    long lastUsedNanos; // guarded by the map's per-key lock (written only inside compute)

    Entry(LocalBucket bucket, long idleAfterNanos) {
      this.bucket = bucket;
      this.idleAfterNanos = idleAfterNanos;
    }
  }

  @Override
  public RateLimitDecision tryConsume(String key, RateLimitRule rule, long tokens) {
    String mapKey = rule.name() + ":" + key;
    if (buckets.size() >= maxKeys && !buckets.containsKey(mapKey)) {
      sweepAtMostEverySecond();
      if (buckets.size() >= maxKeys) {
        return new RateLimitDecision.Limited(FULL_RETRY_AFTER);
      }
    }
    long now = timeMeter.currentTimeNanos();
    RateLimitDecision[] decision = new RateLimitDecision[1];
    // compute() holds the key's lock: consuming and the idle sweep can never interleave on one key.
    buckets.compute(mapKey, (k, existing) -> {
      Entry entry = existing != null ? existing : newEntry(rule);
      entry.lastUsedNanos = now;
      decision[0] = Bucket4jBridge.decision(entry.bucket.tryConsumeAndReturnRemaining(tokens));
      return entry;
    });
    return decision[0];
  }

  private Entry newEntry(RateLimitRule rule) {
    var builder = Bucket.builder().withCustomTimePrecision(timeMeter);
    for (var bandwidth : Bucket4jBridge.configuration(rule).getBandwidths()) {
      builder.addLimit(bandwidth);
    }
    return new Entry(builder.build(), rule.fullRefillTime().toNanos());
  }

  private void sweepAtMostEverySecond() {
    long now = timeMeter.currentTimeNanos();
    long last = lastSweepNanos.get();
    if (last != Long.MIN_VALUE && now - last < SWEEP_INTERVAL.toNanos()) {
      return; // a full scan per new key would let a key spray buy O(n) work per request
    }
    if (lastSweepNanos.compareAndSet(last, now)) {
      purgeIdle(Integer.MAX_VALUE);
    }
  }

  @Override
  public int purgeIdle(int maxKeysToDelete) {
    long now = timeMeter.currentTimeNanos();
    int deleted = 0;
    Iterator<String> keys = buckets.keySet().iterator();
    while (keys.hasNext() && deleted < maxKeysToDelete) {
      String key = keys.next();
      boolean[] removed = new boolean[1];
      buckets.computeIfPresent(key, (k, entry) -> {
        removed[0] = now - entry.lastUsedNanos >= entry.idleAfterNanos;
        return removed[0] ? null : entry;
      });
      if (removed[0]) {
        deleted++;
      }
    }
    return deleted;
  }

  int size() {
    return buckets.size();
  }

  @Override
  public String toString() {
    return "LocalRateLimitBackend[maxKeys=" + maxKeys + ", clock=" + clock + "]";
  }
}
