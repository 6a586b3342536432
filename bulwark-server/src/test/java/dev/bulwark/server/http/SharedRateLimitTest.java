package dev.bulwark.server.http;

import static dev.bulwark.server.http.ServerPipelineTest.assertGenericError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.server.config.ConfigException;
import dev.bulwark.server.testing.TestServer;
import dev.bulwark.testkit.Requirements;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ratelimit.redis} against the real local Redis: instances on one Redis and prefix share one
 * budget, another prefix has its own, a Redis lost at run time refuses requests (503) instead of
 * letting them through, and a bad URL or an unreachable Redis stops start-up naming the setting.
 */
class SharedRateLimitTest {
  private static final String REDIS = "redis://127.0.0.1:6379";
  private String prefix;

  @BeforeEach
  void requireRedis() {
    Requirements.redis();
    prefix = "bulwark-test:" + UUID.randomUUID() + ":";
  }

  @AfterEach
  void deleteTestKeys() {
    if (prefix == null) {
      return;
    }
    RedisClient client = RedisClient.create(REDIS);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      List<String> keys = connection.sync().keys(prefix + "*");
      if (!keys.isEmpty()) {
        connection.sync().del(keys.toArray(String[]::new));
      }
    } finally {
      client.shutdown();
    }
  }

  @Test
  void twoInstancesOnOneRedis_shareOneBudget() {
    try (TestServer a = shared(REDIS, prefix); TestServer b = shared(REDIS, prefix);
        TestServer other = shared(REDIS, prefix + "other:")) {
      assertThat(a.post("/v1/test/login", "{}", null).status()).isEqualTo(200);
      assertThat(b.post("/v1/test/login", "{}", null).status()).isEqualTo(200);
      assertThat(a.post("/v1/test/login", "{}", null).status()).isEqualTo(200);
      // Three spent across both instances: each now refuses, though each alone saw fewer than three.
      TestServer.Response limited = b.post("/v1/test/login", "{}", null);
      assertGenericError(limited, 429, "rate_limited");
      assertThat(limited.header("Retry-After")).isPresent();
      assertGenericError(a.post("/v1/test/login", "{}", null), 429, "rate_limited");
      // Another prefix is another deployment: its budget is untouched.
      assertThat(other.post("/v1/test/login", "{}", null).status()).isEqualTo(200);
    }
  }

  @Test
  void redisLostAtRunTime_refusesRequestsWith503_neverUnmetered() throws IOException {
    try (Relay relay = new Relay(6379)) {
      try (TestServer server = shared("redis://127.0.0.1:" + relay.port(), prefix)) {
        assertThat(server.get("/v1/test/public", null).status()).isEqualTo(200);
        relay.cut();
        assertGenericError(server.get("/v1/test/public", null), 503, "unavailable");
        assertGenericError(server.post("/v1/test/login", "{}", null), 503, "unavailable");
      }
    }
  }

  @Test
  void malformedUrl_refusesStartUp_namingTheSetting() {
    assertThatThrownBy(() -> shared("redis://127.0.0.1:notaport", prefix))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("ratelimit.redis"))
        .hasMessageNotContaining("notaport");
    assertThatThrownBy(() -> shared("http://127.0.0.1:6379", prefix))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("ratelimit.redis"));
    assertThatThrownBy(() -> shared(REDIS, "bad prefix with spaces"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("ratelimit.redis_prefix"));
  }

  @Test
  void unreachableRedisAtStart_refusesStartUp_withoutThePassword() throws IOException {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    assertThatThrownBy(() -> shared("redis://:s3cret-pw@127.0.0.1:" + closedPort, prefix))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("ratelimit.redis"))
        .hasMessageNotContaining("s3cret-pw");
  }

  private static TestServer shared(String url, String prefix) {
    return TestServer.builder().module(new TestRoutes()).setting("ratelimit.redis", url)
        .setting("ratelimit.redis_prefix", prefix).setting("ratelimit.credential_per_minute", "3").start();
  }

  /** A TCP relay to a local port that the test can cut, as a Redis going away would. */
  private static final class Relay implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    Relay(int target) throws IOException {
      listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
      Thread.ofVirtual().start(() -> {
        while (!listener.isClosed()) {
          try {
            Socket in = listener.accept();
            Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
            sockets.add(in);
            sockets.add(out);
            pump(in, out);
            pump(out, in);
          } catch (IOException e) {
            return;
          }
        }
      });
    }

    int port() {
      return listener.getLocalPort();
    }

    private static void pump(Socket from, Socket to) {
      Thread.ofVirtual().start(() -> {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          in.transferTo(out);
        } catch (IOException e) {
          // the relay was cut
        }
      });
    }

    @Override
    public void close() throws IOException {
      cut();
    }

    /** Closes the listener and every relayed connection. */
    void cut() throws IOException {
      listener.close();
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
