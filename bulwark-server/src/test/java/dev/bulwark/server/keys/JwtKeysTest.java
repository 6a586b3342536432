package dev.bulwark.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.jwt.JwtClaims;
import dev.bulwark.auth.jwt.VerifiedJwt;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.aead.Aead;
import dev.bulwark.server.storage.Database;
import dev.bulwark.testkit.Requirements;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtKeysTest {
  @TempDir Path dir;

  private static String token(JwtKeys keys) throws Exception {
    Instant now = Instant.now();
    return keys.signer().sign(JwtClaims.builder().issuer(JwtKeys.ISSUER).audience(JwtKeys.AUDIENCE).subject("a")
        .expiresAt(now.plus(JwtKeys.ACCESS_TOKEN_LIFETIME)).claim("sid", "s").build());
  }

  @Test
  void restart_keepsTheSigningKey_soEarlierTokensStillVerify() throws Exception {
    Aead root = AeadKey.generate(AeadAlgorithm.AES256_GCM).aead();
    String token;
    String jwks;
    try (Database db = Database.sqlite(dir.resolve("b.db"))) {
      JwtKeys first = JwtKeys.loadOrCreate(db, root, Clock.systemUTC());
      token = token(first);
      jwks = first.publicJwks().toJson();
    }
    try (Database db = Database.sqlite(dir.resolve("b.db"))) {
      JwtKeys second = JwtKeys.loadOrCreate(db, root, Clock.systemUTC());
      VerifiedJwt jwt = second.verifier().verify(token);
      assertThat(jwt.subject()).contains("a");
      assertThat(second.publicJwks().toJson()).isEqualTo(jwks);
    }
  }

  @Test
  void storedKey_isSealed_notAPlainJwk() throws Exception {
    try (Database db = Database.sqlite(dir.resolve("b.db"))) {
      JwtKeys.loadOrCreate(db, AeadKey.generate(AeadAlgorithm.AES256_GCM).aead(), Clock.systemUTC());
      String stored = db.read(c -> {
        try (PreparedStatement s = c.prepareStatement("SELECT value FROM server_meta WHERE name = ?")) {
          s.setString(1, JwtKeys.META_NAME);
          try (var r = s.executeQuery()) {
            r.next();
            return r.getString(1);
          }
        }
      });
      assertThat(stored).doesNotContain("\"d\"").doesNotContain("OKP").doesNotContain("{");
    }
  }

  @Test
  void wrongRootKey_stopsStartUpInsteadOfMintingANewKey() {
    try (Database db = Database.sqlite(dir.resolve("b.db"))) {
      JwtKeys.loadOrCreate(db, AeadKey.generate(AeadAlgorithm.AES256_GCM).aead(), Clock.systemUTC());
      assertThatThrownBy(() -> JwtKeys.loadOrCreate(db, AeadKey.generate(AeadAlgorithm.AES256_GCM).aead(), Clock.systemUTC()))
          .isInstanceOf(RootKeyException.class).hasMessageContaining("does not open under this root key");
    }
  }

  @Test
  void tamperedStoredKey_isRefused() {
    Aead root = AeadKey.generate(AeadAlgorithm.AES256_GCM).aead();
    try (Database db = Database.sqlite(dir.resolve("b.db"))) {
      JwtKeys.loadOrCreate(db, root, Clock.systemUTC());
      db.inTransaction(c -> {
        try (PreparedStatement s = c.prepareStatement(
            "UPDATE server_meta SET value = substr(value, 1, length(value) - 4) || 'AAAA' WHERE name = ?")) {
          s.setString(1, JwtKeys.META_NAME);
          return s.executeUpdate();
        }
      });
      assertThatThrownBy(() -> JwtKeys.loadOrCreate(db, root, Clock.systemUTC())).isInstanceOf(RootKeyException.class);
    }
  }

  @Test
  void twoInstancesOnOnePostgresql_shareOneKey() throws Exception {
    Requirements.postgres();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    Aead root = AeadKey.generate(AeadAlgorithm.AES256_GCM).aead();
    String url = "jdbc:postgresql://127.0.0.1:5432/test";
    try (Database a = Database.postgresql(url, "postgres", "", schema);
        Database b = Database.postgresql(url, "postgres", "", schema)) {
      JwtKeys first = JwtKeys.loadOrCreate(a, root, Clock.systemUTC());
      JwtKeys second = JwtKeys.loadOrCreate(b, root, Clock.systemUTC());
      assertThat(second.verifier().verify(token(first)).subject()).contains("a");
      a.inTransaction(c -> {
        // bulwark:ignore BWK-JAVA-003 drops only the UUID-named schema this test created
        try (PreparedStatement s = c.prepareStatement("DROP SCHEMA " + schema + " CASCADE")) {
          return s.execute();
        }
      });
    }
  }
}
