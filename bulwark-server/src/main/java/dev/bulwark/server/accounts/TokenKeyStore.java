package dev.bulwark.server.accounts;

import dev.bulwark.auth.onetime.TokenHashKeys;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.Aead;
import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import dev.bulwark.server.storage.ServerMeta;
import dev.bulwark.server.storage.Database;
import dev.bulwark.server.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The HMAC-SHA256 key that hashes verification and reset tokens, kept in {@code server_meta} sealed
 * under the server's root AEAD (associated data naming the row), created on first start. It must
 * outlive restarts and be shared by every instance, or outstanding mail links would stop working;
 * the database alone never holds it in clear, so a stolen token table cannot be tested offline.
 * Thread-safe (stateless).
 */
public final class TokenKeyStore {
  /** The key id carried in every token ({@code t1.<secret>}). */
  static final String KEY_ID = "t1";

  private static final String META_NAME = "accounts.token_hash_key." + KEY_ID;
  private static final byte[] ASSOCIATED_DATA =
      ("bulwark server_meta " + META_NAME).getBytes(StandardCharsets.UTF_8);

  private TokenKeyStore() {}

  /**
   * Loads the key, creating it on first start (if two instances race, both end with the winner's).
   *
   * @throws IllegalStateException if the stored key does not open under {@code rootAead}
   * @throws StorageException if the database fails
   */
  public static TokenHashKeys loadOrCreate(Database database, Aead rootAead) {
    Optional<String> stored = database.read(TokenKeyStore::select);
    if (stored.isEmpty()) {
      MacKey fresh = MacKey.generate(MacAlgorithm.HMAC_SHA256);
      byte[] material = fresh.insecureExportBytes();
      try {
        String sealed = Base64.getEncoder().encodeToString(rootAead.encrypt(material, ASSOCIATED_DATA));
        database.inTransaction(c -> insert(c, sealed));
      } catch (CryptoException e) {
        throw new IllegalStateException("the root key cannot seal the token hash key", e);
      } catch (StorageException raced) {
        if (database.read(TokenKeyStore::select).isEmpty()) {
          throw raced;
        }
      } finally {
        Arrays.fill(material, (byte) 0);
        fresh.destroy();
      }
      stored = database.read(TokenKeyStore::select);
    }
    byte[] material = null;
    try {
      material = rootAead.decrypt(Base64.getDecoder().decode(stored.orElseThrow()), ASSOCIATED_DATA);
      return TokenHashKeys.of(KEY_ID, MacKey.insecureFromBytes(MacAlgorithm.HMAC_SHA256, material));
    } catch (CryptoException | IllegalArgumentException e) {
      throw new IllegalStateException("the stored token hash key does not open under this root key");
    } finally {
      if (material != null) {
        Arrays.fill(material, (byte) 0);
      }
    }
  }

  private static Optional<String> select(Connection c) throws SQLException {
    return ServerMeta.read(c, META_NAME);
  }

  private static Void insert(Connection c, String sealed) throws SQLException {
    ServerMeta.insert(c, META_NAME, sealed);
    return null;
  }
}
