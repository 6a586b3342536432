package dev.bulwark.server.secrets;

import dev.bulwark.server.storage.Database;

class PostgresSecretStoreTest extends AbstractSecretStoreTest {
  @Override
  Database openDatabase() {
    return TestDatabases.postgres();
  }
}
