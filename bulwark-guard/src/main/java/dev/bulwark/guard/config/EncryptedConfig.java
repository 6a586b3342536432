package dev.bulwark.guard.config;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.keyset.KeyInfo;
import dev.bulwark.crypto.keyset.KeyStatus;
import dev.bulwark.crypto.keyset.Keyset;
import dev.bulwark.crypto.keyset.KeysetAead;
import dev.bulwark.crypto.keyset.KeysetPreset;
import dev.bulwark.guard.Limits;
import dev.bulwark.guard.secrets.Secret;
import dev.bulwark.guard.secrets.SecretSource;
import dev.bulwark.guard.secrets.Secrets;
import dev.bulwark.guard.secrets.SecretsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An encrypted configuration file: named secret values, each sealed with a keyset AEAD whose
 * associated data is the value's name, the keyset itself sealed under a {@link MasterKey master key},
 * and the whole file authenticated by one more AEAD record (format: {@link ConfigFileFormat}).
 *
 * {@snippet :
 * AeadKey master = MasterKey.fromSecrets(Secrets.chain(SecretSource.environment()));
 * EncryptedConfig config = EncryptedConfig.create(Path.of("app.config"), master);   // init
 * config.set("DB_PASSWORD", Secret.of(password));
 * Secret value = EncryptedConfig.open(Path.of("app.config"), master).require("DB_PASSWORD");
 * Secrets secrets = Secrets.chain(SecretSource.environment(), config);             // as a source
 * }
 *
 * <p>Guarantees: a value cannot be read without the master key; a value moved to another name, any
 * changed, added, removed or reordered record, or a wrong master key is detected at {@link #open} (and
 * per value at {@link #get}) and reported as {@link ConfigException.Reason#TAMPERED}; every change
 * replaces the file atomically ({@link AtomicFiles}), so a crash leaves the old file or the new one.
 * {@link #rotate()} adds a new primary key, re-encrypts every value and the integrity record under
 * it, and disables every older key, so a leaked old key can neither read new writes nor forge records.
 *
 * <p>Not detected: replacing the whole file with an older, genuine copy (roll-back), which needs state
 * outside the file. Thread-safe within one instance; two processes writing the same file concurrently
 * lose one of the writes (the last complete file wins).
 */
public final class EncryptedConfig implements SecretSource {
  /** Largest value stored, in bytes. */
  public static final int MAX_VALUE_BYTES = 64 * 1024;

  private static final byte[] INTEGRITY_LABEL =
      "bulwark-encrypted-config v1 integrity\n".getBytes(StandardCharsets.US_ASCII);
  private static final String VALUE_LABEL = "bulwark-encrypted-config v1 value ";

  private final Path file;
  private final AeadKey masterKey;
  /** A private lock: callers cannot contend for it or hold it across our writes. */
  private final Object lock = new Object();
  private Keyset keyset;
  private SortedMap<String, byte[]> sealedValues;

  private EncryptedConfig(Path file, AeadKey masterKey, Keyset keyset, SortedMap<String, byte[]> sealedValues) {
    this.file = file;
    this.masterKey = masterKey;
    this.keyset = keyset;
    this.sealedValues = sealedValues;
  }

  /**
   * Creates a new, empty configuration file with a fresh keyset ({@link KeysetPreset#DEFAULT}).
   *
   * @throws ConfigException {@code ALREADY_EXISTS} if the file exists, {@code IO} if it cannot be written
   */
  public static EncryptedConfig create(Path file, AeadKey masterKey) throws ConfigException {
    return create(file, masterKey, KeysetPreset.DEFAULT);
  }

  /** {@link #create(Path, AeadKey)} with the keyset's first key of {@code preset}. */
  public static EncryptedConfig create(Path file, AeadKey masterKey, KeysetPreset preset) throws ConfigException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(masterKey, "masterKey");
    Keyset keyset = Keyset.generate(preset);
    EncryptedConfig config = new EncryptedConfig(file, masterKey, keyset, new TreeMap<>());
    config.write(keyset, new TreeMap<>(), false);
    return config;
  }

  /**
   * Opens and verifies a configuration file with the default {@link Limits}.
   *
   * @throws ConfigException {@code NO_SUCH_FILE}, {@code MALFORMED}, {@code TAMPERED} (modified, or
   *     another master key) or {@code IO}
   */
  public static EncryptedConfig open(Path file, AeadKey masterKey) throws ConfigException {
    return open(file, masterKey, Limits.defaults());
  }

  /** {@link #open(Path, AeadKey)} with the file size and value count bounded by {@code limits}. */
  public static EncryptedConfig open(Path file, AeadKey masterKey, Limits limits) throws ConfigException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(masterKey, "masterKey");
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxDocumentBytes() + 1));
    } catch (NoSuchFileException e) {
      throw new ConfigException(ConfigException.Reason.NO_SUCH_FILE, "no configuration file at " + file, e);
    } catch (IOException e) {
      throw new ConfigException(ConfigException.Reason.IO,
          "cannot read the configuration file " + file + " (" + e.getClass().getSimpleName() + ")", e);
    }
    return load(file, content, masterKey, limits);
  }

  /** Verifies and loads file content; package-private for the fuzz target. */
  static EncryptedConfig load(Path file, byte[] content, AeadKey masterKey, Limits limits) throws ConfigException {
    ConfigFileFormat.Parsed parsed = ConfigFileFormat.parse(content, limits);
    Keyset keyset;
    try {
      keyset = Keyset.open(parsed.sealedKeyset(), masterKey);
    } catch (CryptoException e) {
      throw new ConfigException(ConfigException.Reason.TAMPERED,
          "cannot open the configuration's keyset: wrong master key, or the file was modified", e);
    }
    try {
      keyset.aead().decrypt(parsed.integrity(), integrityAssociatedData(parsed.authenticated()));
    } catch (CryptoException e) {
      throw new ConfigException(ConfigException.Reason.TAMPERED,
          "the configuration file was modified (its integrity record does not match its content)", e);
    }
    return new EncryptedConfig(file, masterKey, keyset, new TreeMap<>(parsed.sealedValues()));
  }

  /**
   * The value of {@code name}, or empty if there is none.
   *
   * @throws ConfigException {@code TAMPERED} if the value does not authenticate under its name
   * @throws IllegalArgumentException if {@code name} is not a valid secret name
   */
  public Optional<Secret> get(String name) throws ConfigException {
    synchronized (lock) {
      byte[] sealed = sealedValues.get(Secrets.checkName(name));
      if (sealed == null) {
        return Optional.empty();
      }
      byte[] plaintext = openValue(keyset.aead(), name, sealed);
      try {
        return Optional.of(Secret.ofBytes(plaintext));
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  /**
   * The value of {@code name}.
   *
   * @throws ConfigException {@code NO_SUCH_VALUE} if there is no such value, {@code TAMPERED} as for {@link #get}
   */
  public Secret require(String name) throws ConfigException {
    return get(name).orElseThrow(() -> new ConfigException(ConfigException.Reason.NO_SUCH_VALUE,
        "no value named " + name + " in " + file));
  }

  /**
   * Sets (adds or replaces) a value and rewrites the file atomically.
   *
   * @throws ConfigException {@code IO} if the file cannot be written (the old file and this object
   *     stay as they were)
   * @throws IllegalArgumentException if the name is invalid, the value is over {@link
   *     #MAX_VALUE_BYTES} or destroyed
   */
  public void set(String name, Secret value) throws ConfigException {
    synchronized (lock) {
      Secrets.checkName(name);
      if (value.lengthBytes() > MAX_VALUE_BYTES) {
        throw new IllegalArgumentException("a value may have at most " + MAX_VALUE_BYTES + " bytes");
      }
      byte[] plaintext = value.insecureBytes();
      try {
        SortedMap<String, byte[]> next = new TreeMap<>(sealedValues);
        next.put(name, sealValue(keyset.aead(), name, plaintext));
        write(keyset, next, true);
        sealedValues = next;
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  /**
   * Removes a value, if present, and rewrites the file atomically.
   *
   * @return whether there was a value to remove
   * @throws ConfigException {@code IO} if the file cannot be written
   */
  public boolean remove(String name) throws ConfigException {
    synchronized (lock) {
      if (!sealedValues.containsKey(Secrets.checkName(name))) {
        return false;
      }
      SortedMap<String, byte[]> next = new TreeMap<>(sealedValues);
      next.remove(name);
      write(keyset, next, true);
      sealedValues = next;
      return true;
    }
  }

  /** The names of the values, sorted. */
  public SortedSet<String> names() {
    synchronized (lock) {
      return Collections.unmodifiableSortedSet(new TreeSet<>(sealedValues.keySet()));
    }
  }

  /** The id of the key that encrypts new values. */
  public int primaryKeyId() {
    synchronized (lock) {
      return keyset.primaryKeyId();
    }
  }

  /** {@link #rotate(KeysetPreset)} with {@link KeysetPreset#DEFAULT}. */
  public int rotate() throws ConfigException {
    return rotate(KeysetPreset.DEFAULT);
  }

  /**
   * Adds a new primary key, re-encrypts every value under it, disables the older keys and rewrites
   * the file atomically.
   *
   * @return the new primary key's id
   * @throws ConfigException {@code TAMPERED} if a value does not authenticate, {@code IO} if the file
   *     cannot be written (the old file and this object stay as they were)
   * @throws IllegalStateException if the keyset already holds {@link Keyset#MAX_KEYS} keys
   */
  public int rotate(KeysetPreset preset) throws ConfigException {
    synchronized (lock) {
      if (keyset.keys().size() >= Keyset.MAX_KEYS) {
        throw new IllegalStateException("the keyset holds " + Keyset.MAX_KEYS + " keys; create a new configuration file");
      }
      Keyset rotated = keyset.rotate(preset);
      KeysetAead current = keyset.aead();
      KeysetAead next = rotated.aead();
      SortedMap<String, byte[]> resealed = new TreeMap<>();
      for (Map.Entry<String, byte[]> entry : sealedValues.entrySet()) {
        byte[] plaintext = openValue(current, entry.getKey(), entry.getValue());
        try {
          resealed.put(entry.getKey(), sealValue(next, entry.getKey(), plaintext));
        } finally {
          Arrays.fill(plaintext, (byte) 0);
        }
      }
      for (KeyInfo key : rotated.keys()) {
        if (!key.primary() && key.status() == KeyStatus.ENABLED) {
          rotated = rotated.disable(key.keyId());
        }
      }
      write(rotated, resealed, true);
      keyset = rotated;
      sealedValues = resealed;
      return rotated.primaryKeyId();
    }
  }

  /** {@link SecretSource} view: {@link #get(String)}, with a failure as a {@link SecretsException}. */
  @Override
  public Optional<Secret> find(String name) throws SecretsException {
    try {
      return get(name);
    } catch (ConfigException e) {
      throw new SecretsException(description() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String description() {
    return "encrypted configuration " + file;
  }

  private void write(Keyset keysetToWrite, SortedMap<String, byte[]> values, boolean replace) throws ConfigException {
    byte[] content;
    try {
      String sealedKeyset = keysetToWrite.seal(masterKey);
      byte[] authenticated = ConfigFileFormat.renderAuthenticated(sealedKeyset, values);
      byte[] integrity = keysetToWrite.aead().encrypt(new byte[0], integrityAssociatedData(authenticated));
      content = ConfigFileFormat.render(authenticated, integrity);
    } catch (CryptoException e) {
      throw new ConfigException(ConfigException.Reason.IO, "cannot seal the configuration: " + e.getMessage(), e);
    }
    try {
      AtomicFiles.write(file, out -> out.write(content), replace);
    } catch (FileAlreadyExistsException e) {
      throw new ConfigException(ConfigException.Reason.ALREADY_EXISTS, "refusing to overwrite the existing " + file, e);
    } catch (IOException e) {
      throw new ConfigException(ConfigException.Reason.IO,
          "cannot write " + file + " (" + e.getClass().getSimpleName() + "); it was left unchanged", e);
    }
  }

  static byte[] sealValue(KeysetAead aead, String name, byte[] plaintext) throws ConfigException {
    try {
      return aead.encrypt(plaintext, valueAssociatedData(name));
    } catch (CryptoException e) {
      throw new ConfigException(ConfigException.Reason.IO, "cannot seal the value " + name + ": " + e.getMessage(), e);
    }
  }

  static byte[] openValue(KeysetAead aead, String name, byte[] sealed) throws ConfigException {
    try {
      return aead.decrypt(sealed, valueAssociatedData(name));
    } catch (CryptoException e) {
      throw new ConfigException(ConfigException.Reason.TAMPERED,
          "the value " + name + " does not authenticate under its name: the file was modified", e);
    }
  }

  /** The name is the associated data (with a label), so a sealed value opens only under its own name. */
  private static byte[] valueAssociatedData(String name) {
    return (VALUE_LABEL + name).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] integrityAssociatedData(byte[] authenticated) {
    byte[] ad = Arrays.copyOf(INTEGRITY_LABEL, INTEGRITY_LABEL.length + authenticated.length);
    System.arraycopy(authenticated, 0, ad, INTEGRITY_LABEL.length, authenticated.length);
    return ad;
  }
}
