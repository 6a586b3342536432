package dev.bulwark.server.http;

import java.util.Objects;

/**
 * What a route demands of its caller. Every route declares one (a test asserts it), so "forgot to
 * protect it" cannot happen silently: a public route says {@link Public} in so many words.
 */
public sealed interface Access {

  /** No credentials: registration, login, JWKS, health. */
  record Public() implements Access {}

  /** Any authenticated principal, whatever its scopes ({@code GET /v1/me}, logout). */
  record Authenticated() implements Access {}

  /** An authenticated principal holding {@code scope}. */
  record Scoped(Scope scope) implements Access {
    public Scoped {
      Objects.requireNonNull(scope, "scope");
    }
  }

  /** {@link Public}. */
  static Access anyone() {
    return new Public();
  }

  /** {@link Authenticated}. */
  static Access authenticated() {
    return new Authenticated();
  }

  /** {@link Scoped}. */
  static Access scope(Scope scope) {
    return new Scoped(scope);
  }
}
