package dev.bulwark.auth.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.onetime.StoreException;
import dev.bulwark.auth.testing.TestDatabase;
import dev.bulwark.crypto.tokens.SecureTokens;
import dev.bulwark.testkit.Requirements;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract against the real local PostgreSQL, each test in its own table. */
class PostgresApiKeyStoreTest extends AbstractApiKeyStoreContractTest {
  private final DataSource dataSource = TestDatabase.dataSource();
  private String table;

  @Override
  protected ApiKeyStore newStore() throws SQLException {
    Requirements.postgres();
    table = "bulwark_apikey_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    TestDatabase.execute(dataSource, JdbcApiKeyStore.postgresqlDdl(table));
    return JdbcApiKeyStore.create(dataSource, table);
  }

  @AfterEach
  void dropTable() throws SQLException {
    if (table != null) {
      TestDatabase.execute(dataSource, "DROP TABLE IF EXISTS " + table);
    }
  }

  @Test
  void table_neverHoldsTheKey() throws SQLException {
    String key = ApiKeys.create(store, clock, SecureTokens.system()).issue("u", Set.of("s"), Optional.empty())
        .key().insecureValue();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        // bulwark:ignore BWK-JAVA-006 table is a UUID-derived name this test generated itself
        ResultSet row = s.executeQuery("SELECT * FROM " + table)) {
      assertThat(row.next()).isTrue();
      for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
        String text = row.getString(column);
        assertThat(text == null ? "" : text).doesNotContain(key.substring(8));
      }
    }
  }

  @Test
  void brokenStore_isAStoreException() {
    ApiKeys broken = ApiKeys.create(JdbcApiKeyStore.create(dataSource, "absent_table_y"), clock, SecureTokens.system());
    assertThatThrownBy(() -> broken.verify(dev.bulwark.crypto.tokens.ApiKeys.generate().insecureValue()))
        .isInstanceOf(StoreException.class).hasMessage("reading API keys failed");
  }
}
