package dev.bulwark.server.audit;

import dev.bulwark.server.audit.TestDatabases.Engine;

class PostgresAuditKeyringTest extends AuditKeyringContract {
  @Override
  Engine engine() {
    return Engine.POSTGRESQL;
  }
}
