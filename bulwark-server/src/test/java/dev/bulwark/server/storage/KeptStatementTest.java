package dev.bulwark.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.server.secrets.TestDatabases;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KeptStatement} on both engines: it prepares once per physical connection, a later use sees
 * every write committed meanwhile (no read snapshot outlives a use), a failed statement is replaced,
 * and a closed database's statements are dropped.
 */
class KeptStatementTest {
  private static final String CREATE = "CREATE TABLE kept_probe (id TEXT PRIMARY KEY, v BIGINT NOT NULL)";
  private static final String INSERT = "INSERT INTO kept_probe (id, v) VALUES (?, ?)";
  private static final String UPDATE = "UPDATE kept_probe SET v = ? WHERE id = ?";
  private static final String SELECT = "SELECT v FROM kept_probe WHERE id = ?";

  @TempDir Path dir;

  private final AtomicInteger prepared = new AtomicInteger();
  private final KeptStatement select = KeptStatement.of(c -> {
    prepared.incrementAndGet();
    return c.prepareStatement(SELECT);
  });

  @Test
  void sqlite_preparesOncePerConnectionAndSeesLaterWrites() throws Exception {
    try (Database db = Database.sqlite(dir.resolve("kept.db"))) {
      preparesOnceAndSeesLaterWrites(db);
    }
  }

  @Test
  void postgresql_preparesOncePerConnectionAndSeesLaterWrites() throws Exception {
    try (Database db = TestDatabases.postgres()) {
      try {
        preparesOnceAndSeesLaterWrites(db);
      } finally {
        TestDatabases.dropSchema(db);
      }
    }
  }

  private void preparesOnceAndSeesLaterWrites(Database db) throws Exception {
    db.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(CREATE)) {
        s.execute();
      }
      return StatementsTest.update(c, INSERT, "a", 1L);
    });
    // One connection, held: the same statement serves every use on it, and each use sees the
    // value a write on another connection committed after the previous use.
    db.read(held -> {
      for (long v = 1; v <= 5; v++) {
        assertThat(select.queryOne(held, r -> r.getLong(1), "a")).contains(v);
        long next = v + 1;
        db.inTransaction(other -> StatementsTest.update(other, UPDATE, next, "a"));
      }
      assertThat(select.queryOne(held, r -> r.getLong(1), "missing")).isEmpty();
      return null;
    });
    assertThat(prepared).hasValue(1);

    // Many pooled connections at once: at most one statement per connection, all answers right.
    int threads = 8;
    CountDownLatch together = new CountDownLatch(threads);
    List<Future<Optional<Long>>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < threads; i++) {
        answers.add(pool.submit(() -> db.read(c -> {
          together.countDown();
          awaitQuietly(together);
          return select.queryOne(c, r -> r.getLong(1), "a");
        })));
      }
      for (Future<Optional<Long>> answer : answers) {
        assertThat(answer.get()).contains(6L);
      }
    }
    assertThat(prepared.get()).isBetween(2, threads);
    assertThat(select.keptOn()).isEqualTo(prepared.get());
  }

  @Test
  void aFailedUse_closesTheStatementAndTheNextUsePreparesAfresh() {
    try (Database db = Database.sqlite(dir.resolve("kept.db"))) {
      db.inTransaction(c -> {
        try (PreparedStatement s = c.prepareStatement(CREATE)) {
          s.execute();
        }
        return StatementsTest.update(c, INSERT, "a", 7L);
      });
      db.read(c -> {
        assertThat(select.queryOne(c, r -> r.getLong(1), "a")).contains(7L);
        // A parameter type Statements refuses: the use fails, the statement is dropped.
        assertThatThrownBy(() -> select.queryOne(c, r -> r.getLong(1), new Object()))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(select.keptOn()).isZero();
        // A mapper that throws: the same.
        assertThatThrownBy(() -> select.queryOne(c, r -> r.getLong(5), "a")).isInstanceOf(SQLException.class);
        assertThat(select.keptOn()).isZero();
        assertThat(select.queryOne(c, r -> r.getLong(1), "a")).contains(7L);
        return null;
      });
      assertThat(prepared).hasValue(3);
    }
  }

  @Test
  void aClosedDatabase_statementsAreDroppedAndPreparedAgainOnTheNextOne() {
    Path file = dir.resolve("kept.db");
    try (Database db = Database.sqlite(file)) {
      db.inTransaction(c -> {
        try (PreparedStatement s = c.prepareStatement(CREATE)) {
          s.execute();
        }
        return StatementsTest.update(c, INSERT, "a", 3L);
      });
      Optional<Long> first = db.read(c -> select.queryOne(c, r -> r.getLong(1), "a"));
      assertThat(first).contains(3L);
    }
    assertThat(select.keptOn()).isEqualTo(1);
    try (Database reopened = Database.sqlite(file)) {
      Optional<Long> again = reopened.read(c -> select.queryOne(c, r -> r.getLong(1), "a"));
      assertThat(again).contains(3L);
    }
    // The first database's connection was closed with it: its entry went when the new one was kept.
    assertThat(select.keptOn()).isEqualTo(1);
    assertThat(prepared).hasValue(2);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
