package dev.bulwark.auth.jwt;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** The OAuth {@code scope} syntax (RFC 6749 §3.3): space-separated scope tokens. */
final class Scopes {
  private Scopes() {}

  static String join(String... scopes) {
    if (scopes.length == 0) {
      throw new IllegalArgumentException("give at least one scope");
    }
    for (String scope : scopes) {
      check(scope);
    }
    return String.join(" ", scopes);
  }

  static Set<String> checkAll(String... scopes) {
    if (scopes.length == 0) {
      throw new IllegalArgumentException("give at least one scope");
    }
    Arrays.stream(scopes).forEach(Scopes::check);
    return Set.copyOf(Arrays.asList(scopes));
  }

  /**
   * The scopes of a {@code scope} claim value, as an unmodifiable set; runs of spaces are tolerated,
   * empty tokens dropped.
   */
  static Set<String> split(String claim) {
    if (claim.indexOf(' ') < 0) {
      // One scope (or none): the common case, without the intermediate set.
      return claim.isEmpty() ? Set.of() : Set.of(claim);
    }
    Set<String> out = new LinkedHashSet<>();
    for (String scope : claim.split(" ")) {
      if (!scope.isEmpty()) {
        out.add(scope);
      }
    }
    return Set.copyOf(out);
  }

  private static void check(String scope) {
    if (scope == null || scope.isEmpty()) {
      throw new IllegalArgumentException("a scope must not be empty");
    }
    for (int i = 0; i < scope.length(); i++) {
      char c = scope.charAt(i);
      if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
        throw new IllegalArgumentException("a scope is printable ASCII without space, quote or backslash");
      }
    }
  }
}
