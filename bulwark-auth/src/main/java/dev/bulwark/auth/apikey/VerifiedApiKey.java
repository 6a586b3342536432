package dev.bulwark.auth.apikey;

import dev.bulwark.crypto.CryptoException;
import java.util.Objects;
import java.util.Set;

/**
 * An API key that {@link ApiKeys#verify} accepted: known, not revoked, not expired. Only that method
 * makes one, so holding this type means the check was done.
 */
public final class VerifiedApiKey {
  private final String keyId;
  private final String owner;
  private final Set<String> scopes;

  VerifiedApiKey(String keyId, String owner, Set<String> scopes) {
    this.keyId = keyId;
    this.owner = owner;
    this.scopes = Set.copyOf(scopes);
  }

  /** The key's public id. */
  public String keyId() {
    return keyId;
  }

  /** Whom the key acts for. */
  public String owner() {
    return owner;
  }

  /** What the key may do. */
  public Set<String> scopes() {
    return scopes;
  }

  /**
   * Checks the key holds every one of {@code required}.
   *
   * @throws CryptoException naming the first missing scope (scopes are not secret)
   */
  public VerifiedApiKey requireScopes(String... required) throws CryptoException {
    for (String scope : required) {
      if (!scopes.contains(Objects.requireNonNull(scope, "scope"))) {
        throw new CryptoException("API key lacks scope " + scope);
      }
    }
    return this;
  }

  @Override
  public String toString() {
    return "VerifiedApiKey[" + keyId + ", owner=" + owner + ", scopes=" + scopes + "]";
  }
}
