package dev.bulwark.server.secrets;

import dev.bulwark.server.storage.Database;

class PostgresDataKeyRotationTest extends AbstractDataKeyRotationTest {
  @Override
  Database openDatabase() {
    return TestDatabases.postgres();
  }
}
