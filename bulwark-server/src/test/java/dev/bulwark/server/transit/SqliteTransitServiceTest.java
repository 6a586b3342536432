package dev.bulwark.server.transit;

import dev.bulwark.server.secrets.TestDatabases;
import dev.bulwark.server.storage.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteTransitServiceTest extends AbstractTransitServiceTest {
  @TempDir Path dir;

  @Override
  Database openDatabase() {
    return TestDatabases.sqlite(dir);
  }
}
