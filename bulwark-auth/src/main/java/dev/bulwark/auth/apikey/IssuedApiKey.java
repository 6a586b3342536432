package dev.bulwark.auth.apikey;

import dev.bulwark.crypto.tokens.ApiKey;
import java.util.Objects;

/**
 * A new API key and its stored record. Show {@code key.insecureValue()} to the owner once; it is
 * not stored and cannot be shown again.
 *
 * @param key the key (its {@code toString} shows only a hint)
 * @param record what was stored
 */
public record IssuedApiKey(ApiKey key, ApiKeyRecord record) {
  /** Checks both parts are present. */
  public IssuedApiKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(record, "record");
  }
}
