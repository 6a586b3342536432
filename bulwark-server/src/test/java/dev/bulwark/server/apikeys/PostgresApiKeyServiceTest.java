package dev.bulwark.server.apikeys;

import dev.bulwark.server.audit.TestDatabases.Engine;

class PostgresApiKeyServiceTest extends ApiKeyServiceContract {
  @Override
  Engine engine() {
    return Engine.POSTGRESQL;
  }
}
