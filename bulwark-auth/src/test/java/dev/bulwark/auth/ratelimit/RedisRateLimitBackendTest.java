package dev.bulwark.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.testing.TestClock;
import dev.bulwark.testkit.Requirements;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against the real local Redis, each test under its own key prefix. */
class RedisRateLimitBackendTest extends AbstractRateLimitBackendContractTest {
  private static RedisClient client;
  private static StatefulRedisConnection<String, byte[]> connection;
  private String prefix;

  @BeforeAll
  static void connect() {
    Requirements.redis();
    client = RedisClient.create("redis://127.0.0.1:6379");
    connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
  }

  @AfterAll
  static void disconnect() {
    if (connection != null) {
      connection.close();
      client.shutdown();
    }
  }

  @Override
  protected RateLimitBackend newBackend(TestClock clock) {
    prefix = "bulwark-test:" + UUID.randomUUID() + ":";
    return RateLimitBackends.redis(connection, prefix, clock);
  }

  @AfterEach
  void deleteTestKeys() {
    List<String> keys = connection.sync().keys(prefix + "*");
    if (!keys.isEmpty()) {
      connection.sync().del(keys.toArray(String[]::new));
    }
  }

  @Test
  void keysInRedis_carryThePrefix_hideTheIdentity_andExpire() {
    RateLimiter limiter = RateLimiter.create(RateLimitRule.named("ttl").limit(Limit.perMinute(3)).build(),
        newBackend(clock));
    limiter.tryAcquire(RateLimitKey.forIdentity("henry"));
    List<String> keys = connection.sync().keys(prefix + "*");
    assertThat(keys).hasSize(1);
    assertThat(keys.getFirst()).startsWith(prefix + "ttl:id:").doesNotContain("henry");
    // Full again after 20 s (one token at 20 s per token) plus Bucket4j's slack: a TTL, never forever.
    assertThat(connection.sync().pttl(keys.getFirst())).isBetween(1L, 60_000L);
  }

  @Test
  void malformedPrefix_isRejected() {
    assertThatThrownBy(() -> RateLimitBackends.redis(connection, "bad prefix*", clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
