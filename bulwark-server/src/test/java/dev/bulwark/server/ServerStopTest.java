package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.bulwark.server.http.ApiModule;
import dev.bulwark.server.http.ApiRoute;
import dev.bulwark.server.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Stopping the server closes what start-up opened in reverse order (modules before the audit trail
 * and the database they use), logs a failing close without its message, and still closes the rest.
 */
class ServerStopTest {
  private static final String SECRET = "hunter2-in-a-jdbc-url"; // bulwark:ignore BWK-SECRET-012 made-up marker the test proves never reaches the log

  /** A module holding a resource: records its close and what it could still reach at that moment. */
  private record Holder(String name, ServerServices services, List<String> events, boolean failOnClose)
      implements ApiModule, AutoCloseable {
    @Override
    public List<ApiRoute> routes() {
      return List.of();
    }

    @Override
    public void close() {
      events.add(name);
      services.hooks().auditTrail().record("test.close", name, "success", Map.of());
      events.add(name + (services.database().isReachable() ? ":db-open" : ":db-closed"));
      if (failOnClose) {
        throw new IllegalStateException("cannot close " + SECRET);
      }
    }
  }

  @Test
  void stop_closesModulesInReverseStartOrder_beforeTheAuditTrailAndTheDatabase() {
    List<String> events = new CopyOnWriteArrayList<>();
    try (TestServer server = TestServer.builder()
        .module(s -> new Holder("first", s, events, false))
        .module(s -> new Holder("second", s, events, false)).start()) {
      ServerServices services = server.services();
      server.server().close();

      // Each module could still audit and reach the database while it closed: both close after it.
      assertThat(events).containsExactly("second", "second:db-open", "first", "first:db-open");
      assertThat(services.database().isReachable()).isFalse();
      assertThatThrownBy(() -> services.hooks().auditTrail().record("after.stop", "x", "success", Map.of()))
          .as("the audit trail was closed").isInstanceOf(RuntimeException.class);
    }
  }

  @Test
  void aFailingClose_isLoggedWithoutItsMessage_andTheOthersAreStillClosed() {
    List<String> events = new CopyOnWriteArrayList<>();
    Logger logger = (Logger) LoggerFactory.getLogger(BulwarkServer.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try (TestServer server = TestServer.builder()
        .module(s -> new Holder("first", s, events, false))
        .module(s -> new Holder("failing", s, events, true)).start()) {
      ServerServices services = server.services();
      server.server().close();

      assertThat(events).containsExactly("failing", "failing:db-open", "first", "first:db-open");
      assertThat(services.database().isReachable()).isFalse();
      assertThat(log.list).hasSize(1);
      ILoggingEvent event = log.list.get(0);
      assertThat(event.getFormattedMessage()).contains("Holder", "IllegalStateException").doesNotContain(SECRET);
      assertThat(event.getThrowableProxy()).as("no stack trace: causes can carry the secret too").isNull();
    } finally {
      logger.detachAppender(log);
    }
  }

  @Test
  void closeInReverse_closesEveryOne_countingFailures() {
    List<String> closed = new CopyOnWriteArrayList<>();
    List<AutoCloseable> started = List.of(() -> closed.add("a"), () -> {
      closed.add("b");
      throw new java.io.IOException(SECRET);
    }, () -> closed.add("c"));
    assertThat(BulwarkServer.closeInReverse(started)).isEqualTo(1);
    assertThat(closed).containsExactly("c", "b", "a");
  }
}
