package dev.bulwark.server.accounts;

import dev.bulwark.server.storage.Database;
import java.nio.file.Path;

/** The account contract on PostgreSQL (127.0.0.1:5432, a fresh schema per test). */
class PostgresAccountsTest extends AbstractAccountsContractTest {
  @Override
  Database openDatabase(Path dir) {
    return TestDatabases.postgres();
  }

  @Override
  void closeDatabase(Database db) {
    TestDatabases.dropSchema(db);
  }
}
