package dev.bulwark.server.files;

import dev.bulwark.server.audit.TestDatabases.Engine;

class PostgresFileServiceTest extends FileServiceContract {
  @Override
  Engine engine() {
    return Engine.POSTGRESQL;
  }
}
