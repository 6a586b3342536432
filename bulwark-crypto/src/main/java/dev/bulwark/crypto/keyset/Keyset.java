package dev.bulwark.crypto.keyset;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.aead.internal.DefaultRandom;
import dev.bulwark.crypto.streaming.StreamingAead;
import dev.bulwark.crypto.streaming.internal.KeyResolver;
import dev.bulwark.crypto.streaming.internal.SegmentedStreamingAead;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A set of AEAD keys for crypto agility: one primary key encrypts, every enabled key decrypts, and
 * each ciphertext names its key by id (DESIGN.md §3), so keys can be rotated without re-encrypting
 * old data, and retired in two safe steps (disable, then destroy).
 *
 * {@snippet :
 * Keyset keyset = Keyset.generate(KeysetPreset.AES256_GCM);
 * byte[] ct = keyset.aead().encrypt(plaintext, associatedData);
 * Keyset rotated = keyset.rotate(KeysetPreset.AES256_GCM);   // new primary
 * rotated.aead().decrypt(ct, associatedData);                 // old data still opens
 * String atRest = rotated.seal(keyEncryptionKey);             // the only way to store it
 * Keyset loaded = Keyset.open(atRest, keyEncryptionKey);      // verifies, or throws
 * }
 *
 * <p>Immutable: every operation returns a new keyset, and the keys themselves are shared between
 * the old and the new value. So {@link #destroy(int)} zeroes the key's material in every keyset value
 * that holds it: destroyed means destroyed, not "dropped from this copy".
 *
 * <p>At rest a keyset is always sealed ({@link #seal(AeadKey)}); there is no way to write it out with
 * plaintext keys. Thread-safe.
 */
public final class Keyset {
  /** Most keys one keyset may hold (and a sealed keyset may declare). */
  public static final int MAX_KEYS = 256;

  private final Map<Integer, KeyEntry> entries;
  private final int primaryKeyId;

  Keyset(List<KeyEntry> entries, int primaryKeyId) {
    Map<Integer, KeyEntry> byId = new LinkedHashMap<>();
    for (KeyEntry entry : entries) {
      if (byId.put(entry.id(), entry) != null) {
        throw new IllegalArgumentException("duplicate key id " + Integer.toUnsignedString(entry.id()));
      }
    }
    if (byId.size() > MAX_KEYS) {
      throw new IllegalArgumentException("a keyset holds at most " + MAX_KEYS + " keys");
    }
    KeyEntry primary = byId.get(primaryKeyId);
    if (primary == null || primary.status() != KeyStatus.ENABLED) {
      throw new IllegalArgumentException("the primary key must exist and be enabled");
    }
    this.entries = Collections.unmodifiableMap(byId);
    this.primaryKeyId = primaryKeyId;
  }

  /** A new keyset with one fresh primary key. */
  public static Keyset generate(KeysetPreset preset) {
    return generate(preset, DefaultRandom.get());
  }

  /** A new keyset with one fresh primary key, drawing key material and id from {@code random}. */
  public static Keyset generate(KeysetPreset preset, SecureRandom random) {
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(random, "random");
    int id = random.nextInt();
    return new Keyset(List.of(new KeyEntry(id, preset.algorithm(), KeyStatus.ENABLED,
        AeadKey.generate(preset.algorithm(), random))), id);
  }

  /**
   * Adds a fresh key from {@code preset} and makes it the primary; the old keys stay enabled so data
   * under them still decrypts.
   *
   * <p>Warning: where several processes share a keyset, every reader must have the new keyset before
   * anything is encrypted under its new primary.
   *
   * @throws IllegalArgumentException if the keyset already holds {@link #MAX_KEYS} keys
   */
  public Keyset rotate(KeysetPreset preset) {
    return rotate(preset, DefaultRandom.get());
  }

  /** {@link #rotate(KeysetPreset)} drawing key material and id from {@code random}. */
  public Keyset rotate(KeysetPreset preset, SecureRandom random) {
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(random, "random");
    int id;
    do {
      id = random.nextInt();
    } while (entries.containsKey(id));
    List<KeyEntry> next = new ArrayList<>(entries.values());
    next.add(new KeyEntry(id, preset.algorithm(), KeyStatus.ENABLED, AeadKey.generate(preset.algorithm(), random)));
    return new Keyset(next, id);
  }

  /**
   * Makes an enabled key the primary.
   *
   * @throws IllegalArgumentException if there is no such key or it is not enabled
   */
  public Keyset promote(int keyId) {
    KeyEntry entry = require(keyId);
    if (entry.status() != KeyStatus.ENABLED) {
      throw new IllegalArgumentException("only an enabled key can become primary; key "
          + Integer.toUnsignedString(keyId) + " is " + entry.status());
    }
    return new Keyset(List.copyOf(entries.values()), keyId);
  }

  /**
   * Disables a key: ciphertexts under it are refused until it is enabled again.
   *
   * @throws IllegalArgumentException if there is no such key, it is the primary, or it was destroyed
   */
  public Keyset disable(int keyId) {
    KeyEntry entry = requireNotPrimary(keyId, "disable");
    if (entry.status() == KeyStatus.DESTROYED) {
      throw new IllegalArgumentException("key " + Integer.toUnsignedString(keyId) + " was destroyed");
    }
    return with(entry.withStatus(KeyStatus.DISABLED));
  }

  /**
   * Enables a disabled key again.
   *
   * @throws IllegalArgumentException if there is no such key or it was destroyed
   */
  public Keyset enable(int keyId) {
    KeyEntry entry = require(keyId);
    if (entry.status() == KeyStatus.DESTROYED) {
      throw new IllegalArgumentException(
          "key " + Integer.toUnsignedString(keyId) + " was destroyed and cannot come back");
    }
    return with(entry.withStatus(KeyStatus.ENABLED));
  }

  /**
   * Destroys a key: its material is zeroed (in every keyset value that shares it) and only its id is
   * kept, so ciphertexts under it fail with a clear message. Irreversible.
   *
   * @throws IllegalArgumentException if there is no such key or it is the primary
   */
  public Keyset destroy(int keyId) {
    KeyEntry entry = requireNotPrimary(keyId, "destroy");
    if (entry.key() != null) {
      entry.key().destroy();
    }
    return with(entry.withStatus(KeyStatus.DESTROYED));
  }

  /** The id of the key that encrypts. */
  public int primaryKeyId() {
    return primaryKeyId;
  }

  /** Every key's id, algorithm, state and whether it is primary, in the order they were added. */
  public List<KeyInfo> keys() {
    List<KeyInfo> infos = new ArrayList<>(entries.size());
    for (KeyEntry e : entries.values()) {
      infos.add(new KeyInfo(e.id(), e.algorithm(), e.status(), e.id() == primaryKeyId));
    }
    return List.copyOf(infos);
  }

  /** An {@link KeysetAead} over this keyset value, with nonces from the JDK's DRBG. */
  public KeysetAead aead() {
    return new KeysetAead(this, null);
  }

  /** An {@link KeysetAead} drawing its nonces from {@code nonceSource}. */
  public KeysetAead aead(SecureRandom nonceSource) {
    return new KeysetAead(this, Objects.requireNonNull(nonceSource, "nonceSource"));
  }

  /**
   * A {@link StreamingAead} over this keyset value (64 KiB segments): streams are encrypted under the
   * primary key, whose id is in the stream header, and decrypted with the key the header names.
   */
  public StreamingAead streamingAead() {
    return new SegmentedStreamingAead(
        new KeyResolver() {
          @Override
          public int primaryKeyId() {
            return primaryKeyId;
          }

          @Override
          public AeadKey usableKey(int keyId) throws CryptoException {
            return KeysetAead.usableKey(Keyset.this, keyId);
          }
        },
        SegmentedStreamingAead.DEFAULT_SEGMENT_BYTES,
        DefaultRandom::get);
  }

  /**
   * Seals this keyset for storage under a key-encryption key; the result holds no plaintext key.
   *
   * @return the sealed JSON document (see {@link SealedKeysetFormat})
   * @throws CryptoException if the key-encryption key was destroyed or reached its message limit
   */
  public String seal(AeadKey keyEncryptionKey) throws CryptoException {
    return SealedKeysetFormat.seal(this, keyEncryptionKey);
  }

  /**
   * Loads a sealed keyset, verifying it with the key-encryption key.
   *
   * @throws CryptoException if the document is malformed, oversized, of an unknown version, was
   *     sealed under another key, was modified, or describes an invalid keyset (duplicate ids, no
   *     enabled primary, wrong key lengths, too many keys)
   */
  public static Keyset open(String sealedJson, AeadKey keyEncryptionKey) throws CryptoException {
    return SealedKeysetFormat.open(sealedJson, keyEncryptionKey);
  }

  Map<Integer, KeyEntry> entries() {
    return entries;
  }

  KeyEntry entry(int keyId) {
    return entries.get(keyId);
  }

  private KeyEntry require(int keyId) {
    KeyEntry entry = entries.get(keyId);
    if (entry == null) {
      throw new IllegalArgumentException("no key with id " + Integer.toUnsignedString(keyId) + " in this keyset");
    }
    return entry;
  }

  private KeyEntry requireNotPrimary(int keyId, String operation) {
    KeyEntry entry = require(keyId);
    if (keyId == primaryKeyId) {
      throw new IllegalArgumentException(
          "cannot " + operation + " the primary key: promote another key first");
    }
    return entry;
  }

  private Keyset with(KeyEntry replacement) {
    List<KeyEntry> next = new ArrayList<>(entries.size());
    for (KeyEntry e : entries.values()) {
      next.add(e.id() == replacement.id() ? replacement : e);
    }
    return new Keyset(next, primaryKeyId);
  }

  @Override
  public String toString() {
    return "Keyset[primary=" + Integer.toUnsignedString(primaryKeyId) + ", keys=" + keys() + "]";
  }
}
