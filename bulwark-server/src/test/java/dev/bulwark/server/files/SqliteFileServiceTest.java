package dev.bulwark.server.files;

import dev.bulwark.server.audit.TestDatabases.Engine;

class SqliteFileServiceTest extends FileServiceContract {
  @Override
  Engine engine() {
    return Engine.SQLITE;
  }
}
