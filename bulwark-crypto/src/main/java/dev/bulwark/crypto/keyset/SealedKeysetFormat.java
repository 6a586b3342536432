package dev.bulwark.crypto.keyset;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.internal.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The at-rest form of a {@link Keyset}: the whole keyset, serialised as JSON, encrypted under a
 * key-encryption key (KEK) with a fixed associated-data label, inside an outer JSON document:
 *
 * <pre>
 * {"format":"bulwark-sealed-keyset","version":1,"kekAlgorithm":"AES256_GCM",
 *  "ciphertext":"&lt;base64url, unpadded: nonce || ciphertext || tag&gt;"}
 * </pre>
 *
 * The plaintext inside, which never touches disk, is
 * {@code {"version":1,"primaryKeyId":N,"keys":[{"id":N,"algorithm":"AES256_GCM","status":"ENABLED",
 * "material":"<base64url>"},...]}} where a destroyed key has no {@code material}.
 *
 * <p>Sealing the whole document (rather than each key) means the ids, states and primary are as
 * tamper-proof as the keys: any change fails authentication. Loading rejects, with a {@link
 * CryptoException}: documents over {@link #MAX_DOCUMENT_CHARS}, unknown or missing fields, unknown
 * format or version, a KEK of another algorithm, a failed authentication (modified, other KEK),
 * duplicate ids, more than {@link Keyset#MAX_KEYS} keys, a missing or non-enabled primary, and key
 * material of the wrong length.
 *
 * <p>Warning: the plaintext JSON passes through {@code String}s, which cannot be wiped.
 */
final class SealedKeysetFormat {
  /** Largest sealed document accepted, in characters. */
  static final int MAX_DOCUMENT_CHARS = 256 * 1024;

  static final String FORMAT = "bulwark-sealed-keyset";
  private static final byte[] ASSOCIATED_DATA = "bulwark sealed keyset v1".getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private SealedKeysetFormat() {}

  static String seal(Keyset keyset, AeadKey kek) throws CryptoException {
    Objects.requireNonNull(kek, "keyEncryptionKey");
    List<Object> keys = new ArrayList<>();
    for (KeyEntry e : keyset.entries().values()) {
      Map<String, Object> key = new LinkedHashMap<>();
      key.put("id", Integer.toUnsignedLong(e.id()));
      key.put("algorithm", e.algorithm().name());
      key.put("status", e.status().name());
      if (e.key() != null) {
        byte[] material = e.key().insecureExportBytes();
        key.put("material", B64.encodeToString(material));
        Arrays.fill(material, (byte) 0);
      }
      keys.add(key);
    }
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("version", 1);
    inner.put("primaryKeyId", Integer.toUnsignedLong(keyset.primaryKeyId()));
    inner.put("keys", keys);
    return sealDocument(Json.write(inner), kek);
  }

  /** Seals an inner document as is (tests use it to craft invalid keysets under a real KEK). */
  static String sealDocument(String innerJson, AeadKey kek) throws CryptoException {
    byte[] plaintext = innerJson.getBytes(StandardCharsets.UTF_8);
    try {
      byte[] sealed = kek.aead().encrypt(plaintext, ASSOCIATED_DATA);
      Map<String, Object> outer = new LinkedHashMap<>();
      outer.put("format", FORMAT);
      outer.put("version", 1);
      outer.put("kekAlgorithm", kek.algorithm().name());
      outer.put("ciphertext", B64.encodeToString(sealed));
      return Json.write(outer);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  static Keyset open(String document, AeadKey kek) throws CryptoException {
    Objects.requireNonNull(document, "sealedJson");
    Objects.requireNonNull(kek, "keyEncryptionKey");
    if (document.length() > MAX_DOCUMENT_CHARS) {
      throw new CryptoException("sealed keyset larger than " + MAX_DOCUMENT_CHARS + " characters");
    }
    Map<String, Object> outer = Json.parseObject(document);
    requireExactly(outer, Set.of("format", "version", "kekAlgorithm", "ciphertext"), Set.of(), "sealed keyset");
    if (!FORMAT.equals(outer.get("format"))) {
      throw new CryptoException("not a sealed keyset: unknown format");
    }
    requireVersion(outer.get("version"), "sealed keyset");
    AeadAlgorithm kekAlgorithm = parseEnum(AeadAlgorithm.class, outer.get("kekAlgorithm"), "kekAlgorithm");
    if (kekAlgorithm != kek.algorithm()) {
      throw new CryptoException("keyset was sealed with a " + kekAlgorithm + " key-encryption key, not " + kek.algorithm());
    }
    byte[] sealed = base64(outer.get("ciphertext"), "ciphertext");
    byte[] plaintext = kek.aead().decrypt(sealed, ASSOCIATED_DATA);
    try {
      return parseInner(new String(plaintext, StandardCharsets.UTF_8));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private static Keyset parseInner(String json) throws CryptoException {
    Map<String, Object> inner = Json.parseObject(json);
    requireExactly(inner, Set.of("version", "primaryKeyId", "keys"), Set.of(), "keyset");
    requireVersion(inner.get("version"), "keyset");
    int primary = keyId(inner.get("primaryKeyId"), "primaryKeyId");
    if (!(inner.get("keys") instanceof List<?> list)) {
      throw new CryptoException("keyset field keys must be an array");
    }
    if (list.isEmpty() || list.size() > Keyset.MAX_KEYS) {
      throw new CryptoException("a keyset holds 1 to " + Keyset.MAX_KEYS + " keys, got " + list.size());
    }
    List<KeyEntry> entries = new ArrayList<>(list.size());
    Set<Integer> ids = new HashSet<>();
    for (Object item : list) {
      KeyEntry entry = parseKey(item);
      if (!ids.add(entry.id())) {
        destroyAll(entries);
        entry.destroyMaterial();
        throw new CryptoException("duplicate key id " + Integer.toUnsignedString(entry.id()));
      }
      entries.add(entry);
    }
    KeyEntry primaryEntry = entries.stream().filter(e -> e.id() == primary).findFirst().orElse(null);
    if (primaryEntry == null || primaryEntry.status() != KeyStatus.ENABLED) {
      destroyAll(entries);
      throw new CryptoException("keyset has no enabled primary key");
    }
    return new Keyset(entries, primary);
  }

  private static KeyEntry parseKey(Object item) throws CryptoException {
    if (!(item instanceof Map<?, ?> raw)) {
      throw new CryptoException("each key must be an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> key = (Map<String, Object>) raw;
    KeyStatus status = parseEnum(KeyStatus.class, key.get("status"), "status");
    boolean destroyed = status == KeyStatus.DESTROYED;
    requireExactly(
        key,
        destroyed ? Set.of("id", "algorithm", "status") : Set.of("id", "algorithm", "status", "material"),
        Set.of(),
        "key");
    int id = keyId(key.get("id"), "id");
    AeadAlgorithm algorithm = parseEnum(AeadAlgorithm.class, key.get("algorithm"), "algorithm");
    if (destroyed) {
      return new KeyEntry(id, algorithm, status, null);
    }
    byte[] material = base64(key.get("material"), "material");
    try {
      if (material.length != algorithm.keySizeBytes()) {
        throw new CryptoException("key material of the wrong length for " + algorithm);
      }
      return new KeyEntry(id, algorithm, status, AeadKey.insecureFromBytes(algorithm, material));
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  private static void destroyAll(List<KeyEntry> entries) {
    entries.forEach(KeyEntry::destroyMaterial);
  }

  private static void requireExactly(Map<String, Object> object, Set<String> required, Set<String> optional, String what)
      throws CryptoException {
    for (String field : object.keySet()) {
      if (!required.contains(field) && !optional.contains(field)) {
        throw new CryptoException(what + " has an unknown field");
      }
    }
    for (String field : required) {
      if (!object.containsKey(field)) {
        throw new CryptoException(what + " lacks the field " + field);
      }
    }
  }

  private static void requireVersion(Object value, String what) throws CryptoException {
    if (!(value instanceof BigDecimal number) || number.compareTo(BigDecimal.ONE) != 0) {
      throw new CryptoException("unsupported " + what + " version (this build reads version 1)");
    }
  }

  private static int keyId(Object value, String field) throws CryptoException {
    if (value instanceof BigDecimal number) {
      try {
        long id = number.longValueExact();
        if (id >= 0 && id <= 0xFFFF_FFFFL) {
          return (int) id;
        }
      } catch (ArithmeticException e) {
        // not an integer: rejected below
      }
    }
    throw new CryptoException(field + " must be an unsigned 32-bit integer");
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, Object value, String field) throws CryptoException {
    if (value instanceof String name) {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equals(name)) {
          return constant;
        }
      }
    }
    throw new CryptoException(field + " has an unknown value");
  }

  private static byte[] base64(Object value, String field) throws CryptoException {
    if (value instanceof String text && text.indexOf('=') < 0) {
      try {
        return B64D.decode(text);
      } catch (IllegalArgumentException e) {
        // fall through: the message must not echo the input
      }
    }
    throw new CryptoException(field + " must be unpadded base64url");
  }
}
