package dev.bulwark.server.transit;

import dev.bulwark.server.secrets.TestDatabases;
import dev.bulwark.server.storage.Database;

class PostgresTransitServiceTest extends AbstractTransitServiceTest {
  @Override
  Database openDatabase() {
    return TestDatabases.postgres();
  }
}
