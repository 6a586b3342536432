package dev.bulwark.server.transit;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.Aead;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.audit.AuditTrail;
import dev.bulwark.server.storage.Database;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Encryption as a service with named, per-owner, rotatable keys (Vault transit semantics): encrypt,
 * decrypt and rewrap under a key the caller never sees.
 *
 * <p>Security: key material exists in the database only sealed under the root {@link Aead}, bound
 * to (owner, name, version, type), so a sealed key copied to another owner or version does not
 * open. Keys belong to the authenticated owner passed by the caller; another owner's key name is
 * "not found" (no IDOR, no existence oracle). Decryption refuses versions below the key's {@code
 * min_decryption_version}, so after a rotation and a rewrap of the data, old versions can be
 * retired. Rewrap returns only the new ciphertext. Plaintext and key material are zeroed after use
 * where the JDK lets us.
 *
 * <p>Rejects ({@link PublicError}): a malformed name or ciphertext (400), a ciphertext that does not
 * authenticate, was made under another key or context, or whose version is retired (400, one
 * generic message so the caller cannot tell which), plaintext over {@value #MAX_PLAINTEXT_BYTES}
 * bytes or context over {@value #MAX_CONTEXT_BYTES} bytes (413), a duplicate name (409), an unknown
 * key (404). Thread-safe.
 */
public final class TransitService {
  /** Largest plaintext accepted. */
  public static final int MAX_PLAINTEXT_BYTES = 64 * 1024;
  /** Largest context (associated data) accepted. */
  public static final int MAX_CONTEXT_BYTES = 1024;
  /** Most versions a key may have (a bound on rotation). */
  public static final int MAX_VERSIONS = 1000;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");

  private final Database database;
  private final Aead root;
  private final AuditTrail audit;
  private final Clock clock;

  /** A service keeping keys in {@code database}, sealed under {@code root}. */
  public TransitService(Database database, Aead root, AuditTrail audit, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.root = Objects.requireNonNull(root, "root");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Validates a key name: 1-64 characters of {@code [A-Za-z0-9._-]}, not starting with a dot.
   *
   * @throws PublicError 400 otherwise
   */
  public static String checkName(String name) throws PublicError {
    if (name == null || !NAME.matcher(name).matches()) {
      throw PublicError.of(ErrorKind.BAD_REQUEST, "The key name is invalid.", "rejected transit key name");
    }
    return name;
  }

  /**
   * Creates a key with its first version.
   *
   * @throws PublicError 409 if the owner already has a key of this name
   */
  public TransitKeyInfo create(String owner, String name, TransitKeyType type) throws PublicError {
    checkName(name);
    NewVersion fresh = newVersion(owner, name, 1, type);
    long now = clock.millis();
    boolean created = database.inTransaction(c -> {
      if (!TransitRows.insertKey(c, owner, name, type.wireName(), now)) {
        return false;
      }
      TransitRows.insertVersion(c, owner, name, 1, fresh.sealed(), fresh.publicKey(), now);
      return true;
    });
    if (!created) {
      throw PublicError.of(ErrorKind.CONFLICT, "A key with this name exists.", "duplicate transit key");
    }
    audit.record("transit.key.create", owner, "success", Map.of("key", name, "type", type.wireName()));
    return read(owner, name);
  }

  /** The key's metadata and versions (public keys for X-Wing). */
  public TransitKeyInfo read(String owner, String name) throws PublicError {
    checkName(name);
    Optional<TransitKeyInfo> info = database.read(c -> {
      Optional<TransitRows.KeyRow> key = TransitRows.key(c, owner, name);
      if (key.isEmpty()) {
        return Optional.<TransitKeyInfo>empty();
      }
      List<TransitKeyInfo.Version> versions = TransitRows.versions(c, owner, name).stream()
          .map(v -> new TransitKeyInfo.Version(v.version(), v.createdAtMillis(), Optional.ofNullable(v.publicKey())))
          .toList();
      TransitRows.KeyRow k = key.get();
      return Optional.of(new TransitKeyInfo(name, typeOf(k), k.latestVersion(), k.minDecryptionVersion(),
          k.createdAtMillis(), k.updatedAtMillis(), versions));
    });
    return info.orElseThrow(TransitService::notFound);
  }

  /**
   * Adds a new latest version; older versions still decrypt (down to {@code min_decryption_version}).
   *
   * @throws PublicError 404 for an unknown key, 409 at {@value #MAX_VERSIONS} versions
   */
  public TransitKeyInfo rotate(String owner, String name) throws PublicError {
    for (int attempt = 0; attempt < 10; attempt++) {
      TransitKeyInfo current = read(owner, name);
      int next = current.latestVersion() + 1;
      if (next > MAX_VERSIONS) {
        throw PublicError.of(ErrorKind.CONFLICT, "The key has reached its version limit.", "transit version cap");
      }
      NewVersion fresh = newVersion(owner, name, next, current.type());
      long now = clock.millis();
      boolean won = database.inTransaction(c -> {
        if (!TransitRows.bumpKey(c, owner, name, next - 1, now)) {
          return false;
        }
        TransitRows.insertVersion(c, owner, name, next, fresh.sealed(), fresh.publicKey(), now);
        return true;
      });
      if (won) {
        audit.record("transit.key.rotate", owner, "success", Map.of("key", name, "version", Integer.toString(next)));
        return read(owner, name);
      }
    }
    throw PublicError.of(ErrorKind.CONFLICT, "The key is being rotated concurrently; retry.", "rotate retries exhausted");
  }

  /**
   * Sets the lowest version that may still decrypt.
   *
   * @throws PublicError 400 unless {@code 1 <= min <= latest version}; 404 for an unknown key
   */
  public TransitKeyInfo setMinDecryptionVersion(String owner, String name, int min) throws PublicError {
    TransitKeyInfo current = read(owner, name);
    if (min < 1 || min > current.latestVersion()) {
      throw PublicError.of(ErrorKind.BAD_REQUEST, "The minimum decryption version is out of range.", "bad min version");
    }
    long now = clock.millis();
    if (!database.inTransaction(c -> TransitRows.setMinDecryptionVersion(c, owner, name, min, now))) {
      throw notFound();
    }
    audit.record("transit.key.configure", owner, "success",
        Map.of("key", name, "min_decryption_version", Integer.toString(min)));
    return read(owner, name);
  }

  /**
   * Encrypts under the latest version.
   *
   * @throws PublicError 413 for oversized input, 404 for an unknown key
   */
  public TransitCiphertext encrypt(String owner, String name, byte[] plaintext, byte[] context) throws PublicError {
    checkSizes(plaintext, context);
    TransitKeyInfo key = read(owner, name);
    return encryptWith(owner, name, key, plaintext, context);
  }

  /**
   * Decrypts a ciphertext made by {@link #encrypt} (or offline to an X-Wing public key).
   *
   * @throws PublicError 400 if it is malformed, retired, tampered, of another key or context
   */
  public byte[] decrypt(String owner, String name, String ciphertext, byte[] context) throws PublicError {
    checkSizes(new byte[0], context);
    TransitCiphertext parsed = TransitCiphertext.parse(ciphertext);
    checkName(name);
    Optional<Unsealable> found = database.read(c -> {
      Optional<TransitRows.KeyRow> key = TransitRows.key(c, owner, name);
      if (key.isEmpty()) {
        return Optional.<Unsealable>empty();
      }
      Optional<TransitRows.VersionRow> version = parsed.version() < key.get().minDecryptionVersion()
          ? Optional.empty()
          : TransitRows.version(c, owner, name, parsed.version());
      return Optional.of(new Unsealable(typeOf(key.get()), version));
    });
    Unsealable target = found.orElseThrow(TransitService::notFound);
    TransitRows.VersionRow version = target.version().orElseThrow(TransitService::undecryptable);
    byte[] material;
    try {
      material = TransitCrypto.unseal(root, owner, name, version.version(), target.type(), version.sealedMaterial());
    } catch (CryptoException e) {
      throw internal("unsealing a transit key", e);
    }
    try {
      return TransitCrypto.decrypt(target.type(), material, parsed.payload(), context);
    } catch (CryptoException e) {
      throw undecryptable();
    } finally {
      TransitCrypto.wipe(material);
    }
  }

  /**
   * Decrypts and re-encrypts under the latest version without returning the plaintext.
   *
   * @throws PublicError as {@link #decrypt}
   */
  public TransitCiphertext rewrap(String owner, String name, String ciphertext, byte[] context) throws PublicError {
    byte[] plaintext = decrypt(owner, name, ciphertext, context);
    try {
      return encryptWith(owner, name, read(owner, name), plaintext, context);
    } finally {
      TransitCrypto.wipe(plaintext);
    }
  }

  /** Fresh key material for one version, sealed; the X-Wing public key or null. */
  private record NewVersion(byte[] sealed, byte[] publicKey) {}

  private NewVersion newVersion(String owner, String name, int version, TransitKeyType type) throws PublicError {
    TransitCrypto.Generated generated = TransitCrypto.generate(type);
    try {
      return new NewVersion(TransitCrypto.seal(root, owner, name, version, type, generated.material()),
          generated.publicKey());
    } catch (CryptoException e) {
      throw internal("sealing a transit key", e);
    } finally {
      TransitCrypto.wipe(generated.material());
    }
  }

  private record Unsealable(TransitKeyType type, Optional<TransitRows.VersionRow> version) {}

  private TransitCiphertext encryptWith(String owner, String name, TransitKeyInfo key, byte[] plaintext, byte[] context)
      throws PublicError {
    int latest = key.latestVersion();
    TransitRows.VersionRow version = database.read(c -> TransitRows.version(c, owner, name, latest))
        .orElseThrow(TransitService::notFound);
    byte[] material = null;
    try {
      if (key.type() != TransitKeyType.X_WING) {
        material = TransitCrypto.unseal(root, owner, name, latest, key.type(), version.sealedMaterial());
      }
      return new TransitCiphertext(latest,
          TransitCrypto.encrypt(key.type(), material, version.publicKey(), plaintext, context));
    } catch (CryptoException e) {
      throw internal("transit encryption", e);
    } finally {
      TransitCrypto.wipe(material);
    }
  }

  private static void checkSizes(byte[] plaintext, byte[] context) throws PublicError {
    if (plaintext.length > MAX_PLAINTEXT_BYTES || context.length > MAX_CONTEXT_BYTES) {
      throw PublicError.of(ErrorKind.PAYLOAD_TOO_LARGE, "The plaintext or context is too large.", "transit input over cap");
    }
  }

  private static TransitKeyType typeOf(TransitRows.KeyRow row) {
    return TransitKeyType.fromWireName(row.keyType())
        .orElseThrow(() -> new IllegalStateException("unknown transit key type in the database"));
  }

  private static PublicError notFound() {
    return PublicError.of(ErrorKind.NOT_FOUND, "The key was not found.", "no such transit key for this owner");
  }

  private static PublicError undecryptable() {
    return PublicError.of(ErrorKind.BAD_REQUEST, "The ciphertext could not be decrypted.",
        "transit ciphertext rejected: retired version, unknown version, tampered or wrong context");
  }

  private static PublicError internal(String what, CryptoException e) {
    return PublicError.of(ErrorKind.INTERNAL, ErrorKind.INTERNAL.genericMessage(), what + " failed: " + e.getMessage());
  }
}
