package dev.bulwark.server.audit;

import dev.bulwark.server.audit.TestDatabases.Engine;

class SqliteAuditKeyringTest extends AuditKeyringContract {
  @Override
  Engine engine() {
    return Engine.SQLITE;
  }
}
