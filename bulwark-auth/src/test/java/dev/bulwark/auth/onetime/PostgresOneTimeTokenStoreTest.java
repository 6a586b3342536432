package dev.bulwark.auth.onetime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.testing.TestClock;
import dev.bulwark.auth.testing.TestDatabase;
import dev.bulwark.crypto.hash.DigestAlgorithm;
import dev.bulwark.crypto.hash.Digests;
import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import dev.bulwark.testkit.Requirements;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract against the real local PostgreSQL, each test in its own table. */
class PostgresOneTimeTokenStoreTest extends AbstractOneTimeTokenStoreContractTest {
  private final DataSource dataSource = TestDatabase.dataSource();
  private String table;

  @Override
  protected OneTimeTokenStore newStore(TestClock clock) throws SQLException {
    Requirements.postgres();
    table = "bulwark_ott_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    TestDatabase.execute(dataSource, JdbcOneTimeTokenStore.postgresqlDdl(table));
    return JdbcOneTimeTokenStore.create(dataSource, table);
  }

  @AfterEach
  void dropTable() throws SQLException {
    if (table != null) {
      TestDatabase.execute(dataSource, "DROP TABLE IF EXISTS " + table);
    }
  }

  @Test
  void table_holdsOnlyTheKeyedHash_neverTheTokenOrItsPlainDigest() throws SQLException {
    MacKey key = MacKey.generate(MacAlgorithm.HMAC_SHA256);
    OneTimeTokens tokens = OneTimeTokens.create(store, TokenHashKeys.of("k9", key));
    String token = tokens.issue("user-7", TokenPurpose.PASSWORD_RESET).insecureToken();
    byte[] tokenBytes = token.getBytes(StandardCharsets.US_ASCII);
    byte[] plainDigest = Digests.digest(DigestAlgorithm.SHA256, tokenBytes);
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        // bulwark:ignore BWK-JAVA-006 table is a UUID-derived name this test generated itself
        ResultSet row = s.executeQuery("SELECT * FROM " + table)) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString("key_id")).isEqualTo("k9");
      byte[] stored = row.getBytes("token_hash");
      assertThat(stored).hasSize(32).isNotEqualTo(plainDigest);
      for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
        String text = row.getString(column);
        assertThat(text == null ? "" : text).doesNotContain(token.substring(3));
      }
      assertThat(Arrays.equals(stored, tokenBytes)).isFalse();
      assertThat(row.next()).isFalse();
    }
  }

  @Test
  void missingTable_isAStoreException_withoutTheToken() {
    OneTimeTokens tokens = OneTimeTokens.create(JdbcOneTimeTokenStore.create(dataSource, "absent_table_x"),
        TokenHashKeys.of("k1", MacKey.generate(MacAlgorithm.HMAC_SHA256)));
    assertThatThrownBy(() -> tokens.issue("u", TokenPurpose.PASSWORD_RESET))
        .isInstanceOf(StoreException.class).hasMessage("saving a one-time token failed");
    assertThatThrownBy(() -> JdbcOneTimeTokenStore.create(dataSource, "t;drop"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
