package dev.bulwark.server.accounts;

import dev.bulwark.server.storage.Database;
import java.nio.file.Path;

/** The account contract on the embedded SQLite database. */
class SqliteAccountsTest extends AbstractAccountsContractTest {
  @Override
  Database openDatabase(Path dir) {
    return TestDatabases.sqlite(dir);
  }
}
