package dev.bulwark.server.audit;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.Aead;
import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import dev.bulwark.crypto.signature.SignatureAlgorithm;
import dev.bulwark.crypto.signature.SigningKey;
import dev.bulwark.guard.auditlog.AuditKeys;
import dev.bulwark.server.storage.ServerMeta;
import dev.bulwark.server.storage.Database;
import dev.bulwark.server.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit log's keys (HMAC-SHA256 chain key, Ed25519 checkpoint key), generated once and kept in
 * {@code server_meta} sealed under the server's root AEAD, so every restart, and every instance that
 * shares a PostgreSQL database, chains and signs with the same keys.
 *
 * <p>The sealed value is {@code AEAD(chain key (32) || Ed25519 seed (32))} bound by its associated
 * data to this purpose, so no other sealed value can be swapped in. Plaintext key bytes are zeroed
 * after use. Rejects: a sealed value that does not open under the root key (wrong root key or a
 * modified row) with {@link AuditUnavailableException}, which stops start-up.
 *
 * {@snippet :
 * AuditKeys keys = AuditKeyring.loadOrCreate(database, rootAead);
 * }
 *
 * <p>Thread-safe (stateless); concurrent first starts agree on one key pair: the first insert wins
 * and the others read it back.
 */
public final class AuditKeyring {
  static final String META_NAME = "audit.keys.v1";
  private static final byte[] CONTEXT = "bulwark-server audit keys v1".getBytes(StandardCharsets.US_ASCII);
  private static final int KEY_BYTES = 32;

  private AuditKeyring() {}

  /**
   * The stored audit keys, creating and storing them on first use.
   *
   * @throws AuditUnavailableException if the stored keys do not open under {@code rootAead}
   * @throws StorageException if the database fails
   */
  public static AuditKeys loadOrCreate(Database database, Aead rootAead) {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(rootAead, "rootAead");
    Optional<String> stored = read(database);
    if (stored.isEmpty()) {
      String sealed = seal(AuditKeys.generate(), rootAead);
      try {
        database.inTransaction(c -> {
          ServerMeta.insert(c, META_NAME, sealed);
          return null;
        });
      } catch (StorageException raced) {
        // Another instance stored its keys first (primary key conflict): use those.
        if (read(database).isEmpty()) {
          throw raced;
        }
      }
      stored = read(database);
    }
    return open(stored.orElseThrow(), rootAead);
  }

  private static Optional<String> read(Database database) {
    return database.read(c -> ServerMeta.read(c, META_NAME));
  }

  private static String seal(AuditKeys keys, Aead rootAead) {
    byte[] chain = keys.chainKey().insecureExportBytes();
    byte[] seed = keys.checkpointKey().insecureExportRaw();
    byte[] both = new byte[2 * KEY_BYTES];
    try {
      System.arraycopy(chain, 0, both, 0, KEY_BYTES);
      System.arraycopy(seed, 0, both, KEY_BYTES, KEY_BYTES);
      return Base64.getEncoder().encodeToString(rootAead.encrypt(both, CONTEXT));
    } catch (CryptoException e) {
      throw new AuditUnavailableException("sealing the audit keys", e);
    } finally {
      Arrays.fill(chain, (byte) 0);
      Arrays.fill(seed, (byte) 0);
      Arrays.fill(both, (byte) 0);
    }
  }

  private static AuditKeys open(String sealed, Aead rootAead) {
    byte[] both = new byte[0];
    byte[] chainBytes = new byte[0];
    byte[] seed = new byte[0];
    try {
      both = rootAead.decrypt(Base64.getDecoder().decode(sealed), CONTEXT);
      if (both.length != 2 * KEY_BYTES) {
        throw new CryptoException("sealed audit keys have the wrong length");
      }
      chainBytes = Arrays.copyOfRange(both, 0, KEY_BYTES);
      seed = Arrays.copyOfRange(both, KEY_BYTES, 2 * KEY_BYTES);
      MacKey chain = MacKey.insecureFromBytes(MacAlgorithm.HMAC_SHA256, chainBytes);
      SigningKey checkpoint = SigningKey.fromRaw(SignatureAlgorithm.ED25519, seed);
      return new AuditKeys(chain, checkpoint, Optional.empty());
    } catch (CryptoException | IllegalArgumentException e) {
      throw new AuditUnavailableException("opening the audit keys (is this the root key they were sealed under?)", e);
    } finally {
      Arrays.fill(both, (byte) 0);
      Arrays.fill(chainBytes, (byte) 0);
      Arrays.fill(seed, (byte) 0);
    }
  }
}
