package dev.bulwark.auth.ratelimit;

import dev.bulwark.auth.onetime.internal.SqlNames;
import dev.bulwark.auth.ratelimit.internal.Backends;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.InstantSource;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The shipped {@link RateLimitBackend}s.
 *
 * <ul>
 *   <li>{@link #local()}: this JVM only; bounded memory, idle keys expire. For one instance.
 *   <li>{@link #redis}: shared by every instance; keys expire in Redis once their bucket is full.
 *   <li>{@link #postgresql}: shared through a table (DDL from {@link #postgresqlTableDdl}); call
 *       {@link RateLimitBackend#purgeIdle} from a scheduled job to delete idle rows.
 * </ul>
 *
 * {@snippet :
 * RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
 * var connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
 * RateLimitBackend shared = RateLimitBackends.redis(connection, "myapp:rl:");
 * }
 *
 * <p>Distributed backends read time from the calling instance's clock (Bucket4j's client-side
 * clock): keep the instances' clocks synchronised (NTP). Thread-safe.
 */
public final class RateLimitBackends {
  /** Default bound on the keys of a local backend. */
  public static final int DEFAULT_MAX_LOCAL_KEYS = 100_000;

  /** Most keys a local backend may be configured to hold. */
  public static final int MAX_LOCAL_KEYS = 10_000_000;

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9:._-]{1,64}");

  private RateLimitBackends() {}

  /** A local backend holding at most {@value #DEFAULT_MAX_LOCAL_KEYS} keys, on the system clock. */
  public static RateLimitBackend local() {
    return local(DEFAULT_MAX_LOCAL_KEYS, InstantSource.system());
  }

  /**
   * A local backend. When it holds {@code maxKeys} active keys, a new key is refused ({@link
   * RateLimitDecision.Limited}) rather than evicting an active one (eviction would reset that
   * client's budget, which an attacker could force by spraying keys).
   *
   * @throws IllegalArgumentException if {@code maxKeys} is not 1 to {@value #MAX_LOCAL_KEYS}
   */
  public static RateLimitBackend local(int maxKeys, InstantSource clock) {
    if (maxKeys < 1 || maxKeys > MAX_LOCAL_KEYS) {
      throw new IllegalArgumentException("maxKeys must be 1.." + MAX_LOCAL_KEYS);
    }
    return Backends.local(maxKeys, Objects.requireNonNull(clock, "clock"));
  }

  /** A Redis backend on the system clock; see {@link #redis(StatefulRedisConnection, String, InstantSource)}. */
  @SuppressWarnings("exports") // Lettuce is an automatic module; callers that use this already read it
  public static RateLimitBackend redis(StatefulRedisConnection<String, byte[]> connection, String keyPrefix) {
    return redis(connection, keyPrefix, InstantSource.system());
  }

  /**
   * A Redis backend (Lettuce, compare-and-swap per consume).
   *
   * @param connection a connection with {@code String} keys and {@code byte[]} values
   * @param keyPrefix 1 to 64 characters of {@code A-Z a-z 0-9 : . _ -} put before every key, so that
   *     applications sharing a Redis never share buckets
   * @throws IllegalArgumentException if the prefix is malformed
   */
  @SuppressWarnings("exports")
  public static RateLimitBackend redis(StatefulRedisConnection<String, byte[]> connection, String keyPrefix,
      InstantSource clock) {
    Objects.requireNonNull(connection, "connection");
    if (keyPrefix == null || !PREFIX.matcher(keyPrefix).matches()) {
      throw new IllegalArgumentException("a key prefix is 1 to 64 characters of A-Z a-z 0-9 : . _ -");
    }
    return Backends.redis(connection, keyPrefix, Objects.requireNonNull(clock, "clock"));
  }

  /** A PostgreSQL backend on the system clock; see {@link #postgresql(DataSource, String, InstantSource)}. */
  public static RateLimitBackend postgresql(DataSource dataSource, String table) {
    return postgresql(dataSource, table, InstantSource.system());
  }

  /**
   * A PostgreSQL backend over Bucket4j's {@code SELECT ... FOR UPDATE} proxy manager. The table must
   * exist: create it with {@link #postgresqlTableDdl(String)} in your migrations.
   *
   * @param table a lower-case SQL identifier (it is put into SQL text, so it is checked strictly)
   * @throws IllegalArgumentException if the table name is not {@code [a-z_][a-z0-9_]{0,62}}
   */
  public static RateLimitBackend postgresql(DataSource dataSource, String table, InstantSource clock) {
    Objects.requireNonNull(dataSource, "dataSource");
    return Backends.postgresql(dataSource, SqlNames.checkTable(table), Objects.requireNonNull(clock, "clock"));
  }

  /**
   * The DDL for a PostgreSQL rate-limit table: the key, Bucket4j's serialized state and the expiry
   * in epoch milliseconds.
   *
   * @throws IllegalArgumentException if the table name is not {@code [a-z_][a-z0-9_]{0,62}}
   */
  public static String postgresqlTableDdl(String table) {
    String name = SqlNames.checkTable(table);
    return "CREATE TABLE IF NOT EXISTS " + name + " (id VARCHAR(255) PRIMARY KEY, state BYTEA, expires_at BIGINT);"
        + " CREATE INDEX IF NOT EXISTS " + name + "_expires_at ON " + name + " (expires_at)";
  }

}
