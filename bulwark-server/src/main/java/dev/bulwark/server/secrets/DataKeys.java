package dev.bulwark.server.secrets;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.Aead;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.keyset.KeyInfo;
import dev.bulwark.crypto.keyset.Keyset;
import dev.bulwark.crypto.keyset.KeysetAead;
import dev.bulwark.crypto.keyset.KeysetPreset;
import dev.bulwark.server.storage.ServerMeta;
import dev.bulwark.server.storage.Database;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The data keys that seal stored secrets (envelope encryption): a bulwark-crypto {@link Keyset}
 * whose primary key encrypts and whose every enabled key decrypts, kept in {@code server_meta}
 * (row {@value #META_ROW}) sealed under the server's root {@link Aead}. The root key therefore
 * never touches a secret directly, and rotating the data keys ({@link #rotate()}) needs no root
 * key change.
 *
 * <p>At rest: {@code bwdk1.<wrapped>.<sealed>}, where {@code sealed} is the keyset in
 * bulwark-crypto's sealed-keyset format under a fresh one-time wrapping key, and {@code wrapped}
 * is that wrapping key encrypted by the root {@code Aead} with a fixed associated-data label.
 * Loading verifies both layers: a modified row, another root key or a truncated value is refused
 * with a {@link CryptoException} (at start-up: the server does not run on keys it cannot trust).
 *
 * <p>Several server instances may share one database: the first to start creates the keyset
 * (insert-if-absent, so two racing instances agree on one); a rotation is a compare-and-set on the
 * stored row; and an instance that meets a ciphertext under a key id it does not know reloads the
 * row once before failing, so it picks up another instance's rotation.
 *
 * {@snippet :
 * DataKeys keys = DataKeys.open(database, rootAead);
 * byte[] sealed = keys.encrypt(value, AssociatedData.of("bulwark secret v1", owner, path, "3"));
 * }
 *
 * <p>Thread-safe.
 */
public final class DataKeys {
  /** The {@code server_meta} row that holds the sealed keyset. */
  public static final String META_ROW = "data_keyset";

  private static final String PREFIX = "bwdk1.";
  private static final byte[] WRAP_LABEL = "bulwark data keyset wrapping key v1".getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final KeysetPreset PRESET = KeysetPreset.AES256_GCM;

  private static final String INSERT_IF_ABSENT =
      "INSERT INTO server_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING";
  private static final String COMPARE_AND_SET = "UPDATE server_meta SET value = ? WHERE name = ? AND value = ?";

  private final Database database;
  private final Aead root;
  private final Object lock = new Object();
  private volatile Loaded loaded;

  /** The keyset as stored, opened, with the ids it holds (looked up on every secret read). */
  private record Loaded(String stored, Keyset keyset, KeysetAead aead, Set<Integer> keyIds) {
    static Loaded of(String stored, Keyset keyset) {
      Set<Integer> ids = keyset.keys().stream().map(KeyInfo::keyId).collect(Collectors.toUnmodifiableSet());
      return new Loaded(stored, keyset, keyset.aead(), ids);
    }
  }

  private DataKeys(Database database, Aead root, Loaded loaded) {
    this.database = database;
    this.root = root;
    this.loaded = loaded;
  }

  /**
   * Loads the data keyset, creating it on first use.
   *
   * @throws CryptoException if the stored keyset does not open under {@code root} (modified row,
   *     another root key)
   */
  public static DataKeys open(Database database, Aead root) throws CryptoException {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(root, "root");
    Optional<String> stored = database.read(c -> select(c));
    if (stored.isEmpty()) {
      String fresh = seal(Keyset.generate(PRESET), root);
      database.inTransaction(c -> insertIfAbsent(c, fresh));
      stored = database.read(c -> select(c));
    }
    String text = stored.orElseThrow(() -> new IllegalStateException("data keyset row vanished"));
    return new DataKeys(database, root, load(text, root));
  }

  /** Encrypts under the primary data key; the output names the key (see {@link KeysetAead}). */
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws CryptoException {
    return loaded.aead().encrypt(plaintext, associatedData);
  }

  /**
   * Decrypts with the key the ciphertext names, reloading the keyset once if that key is unknown
   * here (another instance rotated).
   *
   * @throws CryptoException if it does not authenticate (tampered, moved to another owner, path or
   *     version) or names a key no keyset has
   */
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws CryptoException {
    Loaded now = loaded;
    if (ciphertext.length >= KeysetAead.HEADER_BYTES && !now.keyIds().contains(keyIdOf(ciphertext))) {
      now = reload();
    }
    return now.aead().decrypt(ciphertext, associatedData);
  }

  /**
   * Reloads the keyset if another instance changed the stored row (a rotation elsewhere).
   *
   * @throws CryptoException if the stored keyset no longer opens under the root key
   */
  public void refresh() throws CryptoException {
    reload();
  }

  /** The id of the key that encrypts now. */
  public int primaryKeyId() {
    return loaded.keyset().primaryKeyId();
  }

  /** The keys, without material. */
  public List<KeyInfo> keys() {
    return loaded.keyset().keys();
  }

  /**
   * Adds a fresh primary data key and stores the keyset (compare-and-set against the row this
   * instance loaded; on a lost race it reloads and tries again). Old keys stay enabled, so every
   * stored secret still opens; the rewrap job then moves them to the new key.
   *
   * @return the new primary key id
   * @throws CryptoException if the keyset cannot be sealed or a reload fails to open
   */
  public int rotate() throws CryptoException {
    synchronized (lock) {
      return rotateLocked();
    }
  }

  private int rotateLocked() throws CryptoException {
    for (int attempt = 0; attempt < 5; attempt++) {
      Loaded before = loaded;
      Keyset next = before.keyset().rotate(PRESET);
      String sealed = seal(next, root);
      int updated = database.inTransaction(c -> compareAndSet(c, sealed, before.stored()));
      if (updated == 1) {
        loaded = Loaded.of(sealed, next);
        return next.primaryKeyId();
      }
      reload();
    }
    throw new CryptoException("data keyset rotation lost five races in a row");
  }

  /** The key id in a {@link KeysetAead} ciphertext header (the caller checked the length). */
  public static int keyIdOf(byte[] ciphertext) {
    return ((ciphertext[1] & 0xff) << 24) | ((ciphertext[2] & 0xff) << 16) | ((ciphertext[3] & 0xff) << 8)
        | (ciphertext[4] & 0xff);
  }

  private Loaded reload() throws CryptoException {
    synchronized (lock) {
      String text = database.read(c -> select(c)).orElseThrow(() -> new CryptoException("data keyset row missing"));
      if (!text.equals(loaded.stored())) {
        loaded = load(text, root);
      }
      return loaded;
    }
  }

  private static String seal(Keyset keyset, Aead root) throws CryptoException {
    AeadKey wrapping = AeadKey.generate(PRESET.algorithm());
    byte[] raw = wrapping.insecureExportBytes();
    try {
      String sealed = keyset.seal(wrapping);
      byte[] wrapped = root.encrypt(raw, WRAP_LABEL);
      return PREFIX + B64.encodeToString(wrapped) + "." + B64.encodeToString(sealed.getBytes(StandardCharsets.UTF_8));
    } finally {
      Arrays.fill(raw, (byte) 0);
      wrapping.destroy();
    }
  }

  private static Loaded load(String stored, Aead root) throws CryptoException {
    String[] parts = stored.startsWith(PREFIX) ? stored.substring(PREFIX.length()).split("\\.", -1) : new String[0];
    if (parts.length != 2) {
      throw new CryptoException("stored data keyset is not in the bwdk1 format");
    }
    byte[] wrapped;
    String sealed;
    try {
      wrapped = B64D.decode(parts[0]);
      sealed = new String(B64D.decode(parts[1]), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new CryptoException("stored data keyset is not valid base64url");
    }
    byte[] raw = root.decrypt(wrapped, WRAP_LABEL);
    AeadKey wrapping = null;
    try {
      wrapping = AeadKey.insecureFromBytes(PRESET.algorithm(), raw);
      Keyset keyset = Keyset.open(sealed, wrapping);
      return Loaded.of(stored, keyset);
    } catch (IllegalArgumentException e) {
      throw new CryptoException("stored data keyset wrapping key has the wrong length");
    } finally {
      Arrays.fill(raw, (byte) 0);
      if (wrapping != null) {
        wrapping.destroy();
      }
    }
  }

  private static Optional<String> select(Connection c) throws SQLException {
    return ServerMeta.read(c, META_ROW);
  }

  private static Void insertIfAbsent(Connection c, String value) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_IF_ABSENT)) {
      s.setString(1, META_ROW);
      s.setString(2, value);
      s.executeUpdate();
    }
    return null;
  }

  private static int compareAndSet(Connection c, String value, String expected) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(COMPARE_AND_SET)) {
      s.setString(1, value);
      s.setString(2, META_ROW);
      s.setString(3, expected);
      return s.executeUpdate();
    }
  }

  @Override
  public String toString() {
    return "DataKeys[primary=" + Integer.toUnsignedString(primaryKeyId()) + "]";
  }
}
