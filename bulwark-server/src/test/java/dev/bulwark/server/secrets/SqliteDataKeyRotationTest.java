package dev.bulwark.server.secrets;

import dev.bulwark.server.storage.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteDataKeyRotationTest extends AbstractDataKeyRotationTest {
  @TempDir Path dir;

  @Override
  Database openDatabase() {
    return TestDatabases.sqlite(dir);
  }
}
