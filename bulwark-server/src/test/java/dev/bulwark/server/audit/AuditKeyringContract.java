package dev.bulwark.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.guard.auditlog.AuditKeys;
import dev.bulwark.server.audit.TestDatabases.Engine;
import dev.bulwark.server.storage.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AuditKeyring} on every engine. */
abstract class AuditKeyringContract {
  @TempDir Path temp;
  Database db;
  final AeadKey root = AeadKey.generate(AeadAlgorithm.AES256_GCM);

  abstract Engine engine();

  @BeforeEach
  void open() {
    db = TestDatabases.open(engine(), temp);
  }

  @AfterEach
  void close() {
    TestDatabases.dispose(db);
  }

  @Test
  void secondLoad_returnsTheSameKeys_soARestartContinuesTheLog() throws Exception {
    AuditKeys first = AuditKeyring.loadOrCreate(db, root.aead());
    try (FileAuditTrail trail = FileAuditTrail.open(temp.resolve("audit"), first)) {
      trail.record("server.start", "system", "success", Map.of());
    }
    AuditKeys again = AuditKeyring.loadOrCreate(db, root.aead());
    try (FileAuditTrail trail = FileAuditTrail.open(temp.resolve("audit"), again)) {
      trail.record("server.start", "system", "success", Map.of());
      assertThat(trail.verify().records()).isEqualTo(2);
    }
  }

  @Test
  void storedKeys_areSealedNotPlain() {
    AuditKeys keys = AuditKeyring.loadOrCreate(db, root.aead());
    String stored = storedValue();
    String chainHex = java.util.HexFormat.of().formatHex(keys.chainKey().insecureExportBytes());
    String chainB64 = java.util.Base64.getEncoder().encodeToString(keys.chainKey().insecureExportBytes());
    assertThat(stored).doesNotContain(chainHex).doesNotContain(chainB64.substring(0, 40));
  }

  @Test
  void wrongRootKey_isRefused() {
    AuditKeyring.loadOrCreate(db, root.aead());
    AeadKey other = AeadKey.generate(AeadAlgorithm.AES256_GCM);
    assertThatThrownBy(() -> AuditKeyring.loadOrCreate(db, other.aead())).isInstanceOf(AuditUnavailableException.class);
  }

  @Test
  void tamperedRow_isRefused() {
    AuditKeyring.loadOrCreate(db, root.aead());
    String stored = storedValue();
    char flipped = stored.charAt(20) == 'A' ? 'B' : 'A';
    String tampered = stored.substring(0, 20) + flipped + stored.substring(21);
    db.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE server_meta SET value = ? WHERE name = ?")) {
        s.setString(1, tampered);
        s.setString(2, AuditKeyring.META_NAME);
        return s.executeUpdate();
      }
    });
    assertThatThrownBy(() -> AuditKeyring.loadOrCreate(db, root.aead())).isInstanceOf(AuditUnavailableException.class);
  }

  private String storedValue() {
    return db.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT value FROM server_meta WHERE name = ?")) {
        s.setString(1, AuditKeyring.META_NAME);
        try (var r = s.executeQuery()) {
          r.next();
          return r.getString(1);
        }
      }
    });
  }
}
