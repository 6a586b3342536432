package dev.bulwark.server.http;

import dev.bulwark.auth.ratelimit.RateLimitBackend;
import dev.bulwark.auth.ratelimit.RateLimitBackends;
import dev.bulwark.server.config.ConfigException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;

/**
 * The server's request budgets shared through Redis ({@code ratelimit.redis}): every instance
 * pointed at the same Redis and key prefix draws from one budget per client, so adding instances
 * does not multiply what an attacker may try.
 *
 * <p>Fails closed. A malformed URL, or a Redis that cannot be reached or refuses the credentials at
 * start-up, stops start-up with a {@link ConfigException} naming {@code ratelimit.redis} (never the
 * URL, which may hold a password). Once running, a command that fails or takes longer than {@value
 * #COMMAND_TIMEOUT_SECONDS} s, or any command while the connection is down (refused at once, not
 * queued), throws auth's {@code RateLimitUnavailableException}, which the pipeline answers with 503:
 * no request is let through unmetered. Lettuce reconnects in the background; requests pass again as
 * soon as it is back.
 *
 * <p>Thread-safe (one multiplexed connection).
 */
public final class RedisBudgets implements AutoCloseable {
  /** How long one budget check may wait on Redis before the request is refused. */
  public static final int COMMAND_TIMEOUT_SECONDS = 2;

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(COMMAND_TIMEOUT_SECONDS);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final RateLimitBackend backend;

  private RedisBudgets(RedisClient client, StatefulRedisConnection<String, byte[]> connection, String keyPrefix) {
    this.client = client;
    this.connection = connection;
    this.backend = RateLimitBackends.redis(connection, keyPrefix);
  }

  /**
   * Connects to {@code url} and checks the connection with a PING.
   *
   * @param url a {@code redis://} or {@code rediss://} URL (ServerConfig has checked the scheme)
   * @param keyPrefix the prefix of every budget key (ServerConfig has checked its characters)
   * @throws ConfigException naming {@code ratelimit.redis} when the URL is malformed or Redis
   *     cannot be used
   */
  public static RedisBudgets connect(String url, String keyPrefix) {
    RedisURI uri;
    try {
      uri = RedisURI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("ratelimit.redis", "is not a valid redis:// or rediss:// URL");
    }
    uri.setTimeout(COMMAND_TIMEOUT);
    RedisClient client = RedisClient.create(uri);
    client.setOptions(ClientOptions.builder()
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
        .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
        .build());
    try {
      StatefulRedisConnection<String, byte[]> connection =
          client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
      connection.sync().ping();
      return new RedisBudgets(client, connection, keyPrefix);
    } catch (RedisException | IllegalArgumentException e) {
      shutdown(client);
      throw new ConfigException("ratelimit.redis", "Redis cannot be reached or refused the connection ("
          + e.getClass().getSimpleName() + "); start-up refused rather than limiting per instance");
    }
  }

  /** The shared backend for {@link RateLimits}. */
  public RateLimitBackend backend() {
    return backend;
  }

  /** Closes the connection and the client's threads. */
  @Override
  public void close() {
    try {
      connection.close();
    } finally {
      shutdown(client);
    }
  }

  private static void shutdown(RedisClient client) {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
