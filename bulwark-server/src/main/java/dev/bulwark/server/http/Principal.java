package dev.bulwark.server.http;

import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The authenticated caller of a request, set by the server's authentication step before any
 * non-public handler runs.
 *
 * @param accountId the owning account's id: every owner-scoped query filters on it (IDOR)
 * @param kind how the caller authenticated
 * @param credentialId the session id (user) or the API key id
 * @param scopes what this credential may do
 */
public record Principal(String accountId, Kind kind, String credentialId, Set<Scope> scopes) {

  /** How the caller authenticated. */
  public enum Kind {
    /** An access JWT from {@code POST /v1/sessions}. */
    SESSION,
    /** An API key {@code bwk_...}. */
    API_KEY
  }

  /** The request attribute the server stores the principal under. */
  public static final String ATTRIBUTE = "bulwark.principal";

  public Principal {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(credentialId, "credentialId");
    scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
  }

  /** True when this credential holds {@code scope}. */
  public boolean has(Scope scope) {
    return scopes.contains(scope);
  }

  /**
   * The principal of a request to a non-public route.
   *
   * @throws IllegalStateException if called from a public route (a programming error: the route
   *     should have declared {@link Access.Authenticated} or a scope)
   */
  public static Principal of(Context ctx) {
    Principal p = ctx.attribute(ATTRIBUTE);
    if (p == null) {
      throw new IllegalStateException("no principal: the route is public");
    }
    return p;
  }
}
