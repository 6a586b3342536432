package dev.bulwark.guard.signed;

import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HMAC-SHA256 keys of {@link SignedPayload}, each under a key id: the primary key signs, every
 * key verifies, so keys rotate without invalidating payloads already issued.
 *
 * {@snippet :
 * PayloadKeys keys = PayloadKeys.of("2026-11", MacKey.generate(MacAlgorithm.HMAC_SHA256));
 * PayloadKeys rotated = keys.withPrimary("2026-12", MacKey.generate(MacAlgorithm.HMAC_SHA256));
 * }
 *
 * <p>Key ids are public (they travel in every payload): 1 to 32 of {@code [A-Za-z0-9_-]}. Only
 * HMAC-SHA256 keys are accepted, so one key is never used with two hashes. Immutable and
 * thread-safe; {@code toString()} shows ids, never keys.
 */
public final class PayloadKeys {
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  private final String primaryKeyId;
  private final Map<String, MacKey> keys;

  private PayloadKeys(String primaryKeyId, Map<String, MacKey> keys) {
    this.primaryKeyId = primaryKeyId;
    this.keys = keys;
  }

  /**
   * One primary key.
   *
   * @throws IllegalArgumentException for a malformed key id or a key that is not HMAC-SHA256
   */
  public static PayloadKeys of(String keyId, MacKey key) {
    return new PayloadKeys(checkId(keyId), Map.of(keyId, checkKey(key)));
  }

  /**
   * These keys plus {@code key}, which becomes the primary (signing) key.
   *
   * @throws IllegalArgumentException if {@code keyId} is taken or malformed, or the key is not
   *     HMAC-SHA256
   */
  public PayloadKeys withPrimary(String keyId, MacKey key) {
    PayloadKeys added = withVerifyOnly(keyId, key);
    return new PayloadKeys(keyId, added.keys);
  }

  /**
   * These keys plus {@code key}, which only verifies (a key being retired, or a peer's key).
   *
   * @throws IllegalArgumentException if {@code keyId} is taken or malformed, or the key is not
   *     HMAC-SHA256
   */
  public PayloadKeys withVerifyOnly(String keyId, MacKey key) {
    checkId(keyId);
    if (keys.containsKey(keyId)) {
      throw new IllegalArgumentException("key id already present: " + keyId);
    }
    Map<String, MacKey> copy = new LinkedHashMap<>(keys);
    copy.put(keyId, checkKey(key));
    return new PayloadKeys(primaryKeyId, Map.copyOf(copy));
  }

  /** These keys without {@code keyId}, so payloads signed with it stop verifying. */
  public PayloadKeys without(String keyId) {
    if (keyId.equals(primaryKeyId)) {
      throw new IllegalArgumentException("cannot remove the primary key; promote another first");
    }
    Map<String, MacKey> copy = new LinkedHashMap<>(keys);
    copy.remove(keyId);
    return new PayloadKeys(primaryKeyId, Map.copyOf(copy));
  }

  /** The id of the signing key. */
  public String primaryKeyId() {
    return primaryKeyId;
  }

  MacKey primaryKey() {
    return keys.get(primaryKeyId);
  }

  Optional<MacKey> key(String keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }

  static boolean isKeyId(String keyId) {
    return KEY_ID.matcher(keyId).matches();
  }

  private static String checkId(String keyId) {
    Objects.requireNonNull(keyId, "keyId");
    if (!isKeyId(keyId)) {
      throw new IllegalArgumentException("a key id is 1 to 32 of [A-Za-z0-9_-]");
    }
    return keyId;
  }

  private static MacKey checkKey(MacKey key) {
    Objects.requireNonNull(key, "key");
    if (key.algorithm() != MacAlgorithm.HMAC_SHA256) {
      throw new IllegalArgumentException("signed payloads use HMAC_SHA256 keys, not " + key.algorithm());
    }
    return key;
  }

  @Override
  public String toString() {
    return "PayloadKeys[primary=" + primaryKeyId + ", ids=" + keys.keySet() + "]";
  }
}
