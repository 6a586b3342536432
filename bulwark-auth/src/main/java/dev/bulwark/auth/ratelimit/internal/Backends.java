package dev.bulwark.auth.ratelimit.internal;

import dev.bulwark.auth.ratelimit.RateLimitBackend;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.InstantSource;
import javax.sql.DataSource;

/** Builds the shipped backends; {@code RateLimitBackends} is the public face. */
public final class Backends {
  /** Keys linger this long after their bucket is full again, to absorb clock skew between instances. */
  private static final Duration EXPIRY_SLACK = Duration.ofSeconds(10);

  private Backends() {}

  /** The local backend. */
  public static RateLimitBackend local(int maxKeys, InstantSource clock) {
    return new LocalBackend(maxKeys, clock);
  }

  /** The Redis backend over a Lettuce connection with String keys and byte[] values. */
  public static RateLimitBackend redis(StatefulRedisConnection<String, byte[]> connection, String keyPrefix,
      InstantSource clock) {
    return new ProxyManagerBackend("Redis", Bucket4jLettuce.casBasedBuilder(connection)
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(EXPIRY_SLACK))
        .clientClock(Bucket4jBridge.timeMeter(clock))
        .build(), keyPrefix);
  }

  /** The PostgreSQL backend (SELECT ... FOR UPDATE per consume) on an existing table. */
  public static RateLimitBackend postgresql(DataSource dataSource, String table, InstantSource clock) {
    return new ProxyManagerBackend("PostgreSQL", Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
        .primaryKeyMapper(PrimaryKeyMapper.STRING)
        .table(table)
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(EXPIRY_SLACK))
        .clientClock(Bucket4jBridge.timeMeter(clock))
        .build(), "");
  }
}
