package dev.bulwark.server.http;

import java.util.Arrays;
import java.util.Optional;

/**
 * The API's scopes (issue 7). A user session carries the scopes of its account; an API key carries
 * the subset chosen when it was created and never more than its owner holds.
 */
public enum Scope {
  SECRETS_READ("secrets:read"),
  SECRETS_WRITE("secrets:write"),
  TRANSIT_ENCRYPT("transit:encrypt"),
  TRANSIT_DECRYPT("transit:decrypt"),
  FILES_READ("files:read"),
  FILES_WRITE("files:write"),
  APIKEYS_MANAGE("apikeys:manage"),
  AUDIT_READ("audit:read"),
  ADMIN("admin");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  /** The name in JWT {@code scope} claims, API-key records and the OpenAPI document. */
  public String wireName() {
    return wireName;
  }

  /** The scope with this wire name, if any (case-sensitive, no trimming). */
  public static Optional<Scope> fromWireName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
  }
}
