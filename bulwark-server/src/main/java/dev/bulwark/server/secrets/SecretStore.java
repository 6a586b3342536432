package dev.bulwark.server.secrets;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.audit.AuditTrail;
import dev.bulwark.server.storage.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Per-owner versioned secrets with Vault KV v2 semantics: every write makes a new version (the
 * newest {@value #MAX_VERSIONS} are kept, older ones are deleted), writes may be check-and-set,
 * versions can be soft-deleted (and undeleted) or destroyed (ciphertext erased for good).
 *
 * <p>A version holds one string or a map of named string fields ({@link SecretContent}, Vault's
 * {@code data}).
 *
 * <p>Security: every value is sealed by {@link DataKeys} with associated data binding the owner id,
 * the path, the version and (for field maps) the kind, so a ciphertext copied to another owner, path
 * or version, or relabelled as the other kind, does not decrypt. The owner is always the authenticated account passed by the caller, never request
 * input, and every statement filters on it: another owner's path is simply "not found".
 *
 * <p>Concurrency: writes are optimistic. A write reads the counter, seals the value for the next
 * version, then moves the counter with {@code UPDATE ... WHERE current_version = ?} in the same
 * transaction as the version row. Of concurrent writers with the same {@code cas}, exactly one
 * wins and the others get 409; writers without {@code cas} retry and all land, in some order.
 *
 * <p>Rejects (as {@link PublicError}): values (field maps: their JSON form) over {@value #MAX_VALUE_BYTES} UTF-8 bytes (413), a
 * {@code cas} that does not match (409), a missing, pruned, deleted or destroyed version (404),
 * malformed paths and version lists (400). A value that fails authentication (tampered row) is a
 * 500 whose detail goes to the log only. Thread-safe.
 */
public final class SecretStore {
  /** Versions kept per path. */
  public static final int MAX_VERSIONS = 10;
  /** Largest value, in UTF-8 bytes. */
  public static final int MAX_VALUE_BYTES = 64 * 1024;
  /** Most entries one list call returns. */
  public static final int MAX_LIST = 1000;

  private static final String AD_LABEL = "bulwark secret v1";
  private static final int WRITE_ATTEMPTS = 20;

  private final Database database;
  private final DataKeys dataKeys;
  private final AuditTrail audit;
  private final Clock clock;

  /** A store over {@code database}, sealing with {@code dataKeys}, reporting to {@code audit}. */
  public SecretStore(Database database, DataKeys dataKeys, AuditTrail audit, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.dataKeys = Objects.requireNonNull(dataKeys, "dataKeys");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The associated data that binds a sealed value to its owner, path, version and kind. A string
   * value ({@code "value"}) keeps the four parts every version had before field maps existed, so
   * old rows still open; a field map adds its kind as a fifth part.
   */
  static byte[] associatedData(String owner, String path, int version, String kind) {
    String v = Integer.toString(version);
    return switch (kind) {
      case SecretContent.Text.KIND -> AssociatedData.of(AD_LABEL, owner, path, v);
      case SecretContent.Fields.KIND -> AssociatedData.of(AD_LABEL, owner, path, v, kind);
      default -> throw new IllegalStateException("unknown stored secret kind");
    };
  }

  /**
   * Writes a new version holding one string; see {@link #put(String, SecretPath, SecretContent, OptionalInt)}.
   */
  public int put(String owner, SecretPath path, String value, OptionalInt cas) throws PublicError {
    return put(owner, path, new SecretContent.Text(value), cas);
  }

  /**
   * Writes a new version.
   *
   * @param content one string or named fields; its encoded form counts against {@value #MAX_VALUE_BYTES}
   * @param cas empty: write unconditionally; 0: only if the path has never been written; N: only if
   *     the current version is N
   * @return the new version number
   * @throws PublicError 413 if the value is too large, 409 if {@code cas} does not match
   */
  public int put(String owner, SecretPath path, SecretContent content, OptionalInt cas) throws PublicError {
    Objects.requireNonNull(owner, "owner");
    String kind = content.kind();
    byte[] plaintext = content.encode();
    try {
      if (plaintext.length > MAX_VALUE_BYTES) {
        throw PublicError.of(ErrorKind.PAYLOAD_TOO_LARGE, "The secret value is too large.", "secret value over cap");
      }
      for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
        int current = database.read(c -> SecretRows.entry(c, owner, path.value()))
            .map(SecretRows.Entry::currentVersion).orElse(0);
        if (cas.isPresent() && cas.getAsInt() != current) {
          audit.record("secret.write", owner, "failure", Map.of("path", path.value(), "reason", "cas_mismatch"));
          throw PublicError.of(ErrorKind.CONFLICT, "The check-and-set version does not match.", "cas mismatch");
        }
        int next = current + 1;
        byte[] sealed = seal(plaintext, owner, path, next, kind);
        int keyId = DataKeys.keyIdOf(sealed);
        long now = clock.millis();
        boolean won = database.inTransaction(c -> {
          boolean moved = current == 0
              ? SecretRows.insertEntry(c, owner, path.value(), now)
              : SecretRows.bumpEntry(c, owner, path.value(), current, now);
          if (moved) {
            SecretRows.insertVersion(c, owner, path.value(), next, sealed, keyId, now, kind);
            SecretRows.pruneUpTo(c, owner, path.value(), next - MAX_VERSIONS);
          }
          return moved;
        });
        if (won) {
          audit.record("secret.write", owner, "success", Map.of("path", path.value(), "version", Integer.toString(next)));
          return next;
        }
        // Another writer moved the counter between our read and our update: with cas the caller's
        // expectation is now false; without, try again on the new current version.
      }
      throw PublicError.of(ErrorKind.CONFLICT, "The secret is being written concurrently; retry.", "write retries exhausted");
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * Reads and decrypts a version (the current one when {@code version} is empty).
   *
   * @throws PublicError 404 if the path or version does not exist (never written, other owner,
   *     pruned), or the version is deleted or destroyed; 500 if the stored value fails authentication
   */
  public SecretValue get(String owner, SecretPath path, OptionalInt version) throws PublicError {
    Optional<SecretRows.VersionRow> found = database.read(c -> SecretRows.readable(c, owner, path.value(), version));
    SecretRows.VersionRow row = found.orElseThrow(() -> notFound("no such secret version"));
    if (row.destroyed() || row.ciphertext() == null) {
      throw notFound("secret version destroyed");
    }
    if (row.deletedAtMillis().isPresent()) {
      throw notFound("secret version deleted");
    }
    byte[] plaintext = null;
    SecretContent content;
    try {
      plaintext = dataKeys.decrypt(row.ciphertext(), associatedData(owner, path.value(), row.version(), row.kind()));
      content = SecretContent.decode(row.kind(), plaintext);
    } catch (CryptoException | IllegalStateException e) {
      // IllegalStateException: an unknown stored kind, or fields that do not parse; neither can come
      // from a row this server wrote, so it is treated like a failed authentication.
      audit.record("secret.read", owner, "failure", Map.of("path", path.value(), "reason", "integrity"));
      throw PublicError.of(ErrorKind.INTERNAL, ErrorKind.INTERNAL.genericMessage(),
          "stored secret failed authentication: " + e.getMessage());
    } finally {
      if (plaintext != null) {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
    audit.record("secret.read", owner, "success", Map.of("path", path.value(), "version", Integer.toString(row.version())));
    return new SecretValue(path, row.version(), content, row.createdAtMillis());
  }

  /**
   * The path's versions and times, without decrypting anything.
   *
   * @throws PublicError 404 if the owner never wrote the path
   */
  public SecretMetadata metadata(String owner, SecretPath path) throws PublicError {
    Optional<SecretMetadata> meta = database.read(c -> {
      Optional<SecretRows.Entry> entry = SecretRows.entry(c, owner, path.value());
      if (entry.isEmpty()) {
        return Optional.<SecretMetadata>empty();
      }
      return Optional.of(toMetadata(path, entry.get(), SecretRows.versions(c, owner, path.value())));
    });
    return meta.orElseThrow(() -> notFound("no such secret"));
  }

  /**
   * The names directly under {@code prefix} (empty for the top level): a path {@code a/b/c} under
   * {@code a/} shows as {@code b/}. At most {@value #MAX_LIST} names, in order.
   *
   * @throws PublicError 400 if the prefix is neither empty nor a valid path (a trailing slash is allowed)
   */
  public List<String> list(String owner, String prefix) throws PublicError {
    String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (!base.isEmpty() && !SecretPath.isValid(base)) {
      throw PublicError.of(ErrorKind.BAD_REQUEST, "The secret path is invalid.", "rejected list prefix");
    }
    String normalized = base.isEmpty() ? "" : base + "/";
    List<String> paths = database.read(c -> SecretRows.paths(c, owner, normalized, MAX_LIST * 10));
    Set<String> children = new LinkedHashSet<>();
    for (String path : paths) {
      String rest = path.substring(normalized.length());
      int slash = rest.indexOf('/');
      children.add(slash < 0 ? rest : rest.substring(0, slash + 1));
      if (children.size() >= MAX_LIST) {
        break;
      }
    }
    return List.copyOf(children);
  }

  /**
   * Soft-deletes versions (the current one when {@code versions} is empty): reads then answer 404
   * until {@link #undelete}. Versions already deleted, destroyed or pruned are left as they are.
   *
   * @return the versions this call deleted
   * @throws PublicError 404 if the path does not exist, 400 for a bad version list
   */
  public List<Integer> delete(String owner, SecretPath path, List<Integer> versions) throws PublicError {
    return change(owner, path, versions, VersionChange.DELETE);
  }

  /** Undoes {@link #delete} for the given versions; returns the versions restored. */
  public List<Integer> undelete(String owner, SecretPath path, List<Integer> versions) throws PublicError {
    return change(owner, path, versions, VersionChange.UNDELETE);
  }

  /** Erases the ciphertext of the given versions for good; returns the versions destroyed. */
  public List<Integer> destroy(String owner, SecretPath path, List<Integer> versions) throws PublicError {
    return change(owner, path, versions, VersionChange.DESTROY);
  }

  private enum VersionChange {
    DELETE("secret.delete"),
    UNDELETE("secret.undelete"),
    DESTROY("secret.destroy");

    final String action;

    VersionChange(String action) {
      this.action = action;
    }
  }

  private List<Integer> change(String owner, SecretPath path, List<Integer> versions, VersionChange kind)
      throws PublicError {
    if (versions.size() > MAX_VERSIONS * 10 || versions.stream().anyMatch(v -> v == null || v < 1)) {
      throw PublicError.of(ErrorKind.BAD_REQUEST, "The version list is invalid.", "bad version list");
    }
    long now = clock.millis();
    Optional<List<Integer>> changed = database.inTransaction(c -> {
      Optional<SecretRows.Entry> entry = SecretRows.entry(c, owner, path.value());
      if (entry.isEmpty()) {
        return Optional.<List<Integer>>empty();
      }
      List<Integer> targets = versions.isEmpty() ? List.of(entry.get().currentVersion()) : versions;
      List<Integer> done = new ArrayList<>();
      for (int v : new LinkedHashSet<>(targets)) {
        boolean hit = switch (kind) {
          case DELETE -> SecretRows.softDelete(c, owner, path.value(), v, now);
          case UNDELETE -> SecretRows.undelete(c, owner, path.value(), v);
          case DESTROY -> SecretRows.destroy(c, owner, path.value(), v);
        };
        if (hit) {
          done.add(v);
        }
      }
      return Optional.of(List.copyOf(done));
    });
    List<Integer> result = changed.orElseThrow(() -> notFound("no such secret"));
    audit.record(kind.action, owner, "success", Map.of("path", path.value(), "versions", result.toString()));
    return result;
  }

  private byte[] seal(byte[] plaintext, String owner, SecretPath path, int version, String kind) throws PublicError {
    try {
      return dataKeys.encrypt(plaintext, associatedData(owner, path.value(), version, kind));
    } catch (CryptoException e) {
      throw PublicError.of(ErrorKind.INTERNAL, ErrorKind.INTERNAL.genericMessage(), "sealing a secret: " + e.getMessage());
    }
  }

  private static SecretMetadata toMetadata(SecretPath path, SecretRows.Entry entry, List<SecretRows.VersionRow> rows) {
    List<SecretMetadata.Version> versions = rows.stream()
        .map(r -> new SecretMetadata.Version(r.version(), r.createdAtMillis(), r.deletedAtMillis(), r.destroyed()))
        .toList();
    return new SecretMetadata(path, entry.currentVersion(), entry.createdAtMillis(), entry.updatedAtMillis(), versions);
  }

  private static PublicError notFound(String detail) {
    return PublicError.of(ErrorKind.NOT_FOUND, "The secret was not found.", detail);
  }
}
