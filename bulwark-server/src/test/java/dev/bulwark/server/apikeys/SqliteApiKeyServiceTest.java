package dev.bulwark.server.apikeys;

import dev.bulwark.server.audit.TestDatabases.Engine;

class SqliteApiKeyServiceTest extends ApiKeyServiceContract {
  @Override
  Engine engine() {
    return Engine.SQLITE;
  }
}
