package dev.bulwark.auth.password;

import dev.bulwark.crypto.mac.Mac;
import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.Destroyable;

/**
 * A rotatable pepper: HMAC-SHA256 keys, each with an id, kept outside the password database (in a
 * keyset, an HSM, a secret store). A peppered hash is {@code Argon2id(HMAC-SHA256(pepper,
 * password))} (or scrypt); its stored string names the pepper in a {@code k=ID} parameter, so that
 * the pepper can rotate: hashes made under a retired id still verify while that key is configured,
 * and report {@code needsRehash} so they move to the current id at the user's next login.
 *
 * {@snippet :
 * PasswordPepper pepper = PasswordPepper.of("2026a", currentKey).withRetired("2025b", oldKey);
 * }
 *
 * <p>What can go wrong: losing a pepper key makes every hash under it unverifiable (users must reset
 * their passwords); keep it backed up like any other key. bcrypt has no field for a key id, so a
 * policy with a pepper cannot hash with bcrypt.
 *
 * <p>Immutable and thread-safe; {@link #destroy} destroys every key it holds.
 */
public final class PasswordPepper implements Destroyable {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,32}");

  private final String currentId;
  private final Map<String, MacKey> keys;

  private PasswordPepper(String currentId, Map<String, MacKey> keys) {
    this.currentId = currentId;
    this.keys = Collections.unmodifiableMap(keys);
  }

  /**
   * A pepper whose new hashes use {@code key} under {@code id}.
   *
   * @param id 1 to 32 characters of {@code A-Z a-z 0-9 -}
   * @param key an HMAC-SHA256 key
   * @throws IllegalArgumentException if the id or the key's algorithm is wrong
   */
  public static PasswordPepper of(String id, MacKey key) {
    Map<String, MacKey> keys = new LinkedHashMap<>();
    keys.put(checkId(id), checkKey(key));
    return new PasswordPepper(id, keys);
  }

  /**
   * This pepper plus a retired key that still verifies (and asks for a rehash).
   *
   * @throws IllegalArgumentException if the id is malformed or already present
   */
  public PasswordPepper withRetired(String id, MacKey key) {
    checkId(id);
    if (keys.containsKey(id)) {
      throw new IllegalArgumentException("pepper id already present: " + id);
    }
    Map<String, MacKey> more = new LinkedHashMap<>(keys);
    more.put(id, checkKey(key));
    return new PasswordPepper(currentId, more);
  }

  /** The id new hashes record. */
  public String currentId() {
    return currentId;
  }

  /** Every id this pepper can verify. */
  public Set<String> ids() {
    return keys.keySet();
  }

  /**
   * HMAC-SHA256 of {@code input} under the key {@code id}, or empty if that id is not configured.
   * The caller wipes the result.
   */
  Optional<byte[]> apply(String id, byte[] input) {
    MacKey key = keys.get(id);
    return key == null ? Optional.empty() : Optional.of(Mac.create(key).compute(input));
  }

  static boolean isWellFormedId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  private static String checkId(String id) {
    if (!isWellFormedId(id)) {
      throw new IllegalArgumentException("a pepper id is 1 to 32 characters of A-Z a-z 0-9 -");
    }
    return id;
  }

  private static MacKey checkKey(MacKey key) {
    Objects.requireNonNull(key, "key");
    if (key.algorithm() != MacAlgorithm.HMAC_SHA256) {
      throw new IllegalArgumentException("a pepper key must be HMAC_SHA256, got " + key.algorithm());
    }
    return key;
  }

  @Override
  public void destroy() {
    for (MacKey key : keys.values()) {
      key.destroy();
    }
  }

  @Override
  public boolean isDestroyed() {
    return keys.values().stream().allMatch(MacKey::isDestroyed);
  }

  @Override
  public String toString() {
    return "PasswordPepper[current=" + currentId + ", ids=" + keys.keySet() + "]";
  }
}
