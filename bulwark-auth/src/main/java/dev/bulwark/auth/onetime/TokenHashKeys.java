package dev.bulwark.auth.onetime;

import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HMAC-SHA256 keys that hash one-time tokens before they are stored, each under an id that the
 * token carries. New tokens use the current key; retired keys still redeem the tokens made under
 * them, so a key can rotate without breaking links already sent.
 *
 * {@snippet :
 * TokenHashKeys keys = TokenHashKeys.of("2026a", MacKey.generate(MacAlgorithm.HMAC_SHA256));
 * }
 *
 * <p>Why a keyed hash: a leaked token table alone gives nothing an attacker can redeem or test
 * offline, because computing the hash of a guess needs the key, which lives elsewhere. Immutable and
 * thread-safe.
 */
public final class TokenHashKeys {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,16}");

  private final String currentId;
  private final Map<String, MacKey> byId;

  private TokenHashKeys(String currentId, Map<String, MacKey> byId) {
    this.currentId = currentId;
    this.byId = Map.copyOf(byId);
  }

  /**
   * Keys whose current one is {@code key} under {@code id}.
   *
   * @param id 1 to 16 characters of {@code A-Z a-z 0-9 -}
   * @throws IllegalArgumentException if the id is malformed or the key is not HMAC-SHA256
   */
  public static TokenHashKeys of(String id, MacKey key) {
    return new TokenHashKeys(checkId(id), Map.of(id, checkKey(key)));
  }

  /**
   * These keys plus a retired one that still redeems its tokens.
   *
   * @throws IllegalArgumentException if the id is malformed or taken, or the key is not HMAC-SHA256
   */
  public TokenHashKeys withRetired(String id, MacKey key) {
    if (byId.containsKey(checkId(id))) {
      throw new IllegalArgumentException("key id already present: " + id);
    }
    Map<String, MacKey> more = new LinkedHashMap<>(byId);
    more.put(id, checkKey(key));
    return new TokenHashKeys(currentId, more);
  }

  /** The id new tokens are hashed under. */
  public String currentId() {
    return currentId;
  }

  MacKey current() {
    return byId.get(currentId);
  }

  Optional<MacKey> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  static boolean isWellFormedId(String id) {
    return ID.matcher(id).matches();
  }

  private static String checkId(String id) {
    if (id == null || !isWellFormedId(id)) {
      throw new IllegalArgumentException("a key id is 1 to 16 characters of A-Z a-z 0-9 -");
    }
    return id;
  }

  private static MacKey checkKey(MacKey key) {
    if (Objects.requireNonNull(key, "key").algorithm() != MacAlgorithm.HMAC_SHA256) {
      throw new IllegalArgumentException("a token hash key must be HMAC_SHA256");
    }
    return key;
  }

  @Override
  public String toString() {
    return "TokenHashKeys[current=" + currentId + ", ids=" + byId.keySet() + "]";
  }
}
