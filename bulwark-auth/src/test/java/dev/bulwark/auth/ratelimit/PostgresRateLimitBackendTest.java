package dev.bulwark.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.testing.TestClock;
import dev.bulwark.auth.testing.TestDatabase;
import dev.bulwark.testkit.Requirements;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The contract against the real local PostgreSQL, each test in its own table. */
class PostgresRateLimitBackendTest extends AbstractRateLimitBackendContractTest {
  private final DataSource dataSource = TestDatabase.dataSource();
  private String table;

  @Override
  protected RateLimitBackend newBackend(TestClock clock) throws SQLException {
    Requirements.postgres();
    table = "bulwark_rl_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    TestDatabase.execute(dataSource, RateLimitBackends.postgresqlTableDdl(table));
    return RateLimitBackends.postgresql(dataSource, table, clock);
  }

  @AfterEach
  void dropTable() throws SQLException {
    if (table != null) {
      TestDatabase.execute(dataSource, "DROP TABLE IF EXISTS " + table);
    }
  }

  @Test
  void unsafeTableName_isRejectedBeforeAnySql() {
    assertThatThrownBy(() -> RateLimitBackends.postgresql(dataSource, "t; DROP TABLE users", clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimitBackends.postgresqlTableDdl("Upper")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unreachableDatabase_isUnavailable_notAllowed() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setURL("jdbc:postgresql://127.0.0.1:1/test?connectTimeout=1");
    RateLimiter limiter = RateLimiter.create(RateLimitRule.named("down").limit(Limit.perMinute(1)).build(),
        RateLimitBackends.postgresql(nowhere, "absent", clock));
    assertThatThrownBy(() -> limiter.tryAcquire(RateLimitKey.forIdentity("x")))
        .isInstanceOf(RateLimitUnavailableException.class)
        .hasMessageNotContaining("id:");
  }

  @Test
  void keysAreHashed_noIdentityInTheTable() throws SQLException {
    RateLimiter limiter = RateLimiter.create(RateLimitRule.named("pii").limit(Limit.perMinute(1)).build(),
        RateLimitBackends.postgresql(dataSource, table, clock));
    limiter.tryAcquire(RateLimitKey.forIdentity("ivy@example.com"));
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        // bulwark:ignore BWK-JAVA-006 table is a UUID-derived name this test generated itself
        var rows = s.executeQuery("SELECT id FROM " + table)) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).startsWith("pii:id:").doesNotContain("ivy");
    }
  }
}
