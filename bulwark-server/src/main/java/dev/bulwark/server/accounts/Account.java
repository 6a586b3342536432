package dev.bulwark.server.accounts;

import dev.bulwark.server.http.Scope;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One account as stored. {@link #toString()} never prints the password hash.
 *
 * @param id random URL-safe id, the JWT {@code sub}
 * @param username as registered (guard's {@code Usernames} form)
 * @param email canonical address (guard's {@code EmailAddresses} form)
 * @param passwordHash PHC string
 * @param emailVerified whether the address was proven (by a verification or reset token)
 * @param admin whether it was enrolled as an administrator
 * @param version incremented on every change; conditional updates compare it
 */
public record Account(String id, String username, String email, String passwordHash, boolean emailVerified,
    boolean admin, long version) {

  private static final Set<Scope> ADMIN_ONLY = EnumSet.of(Scope.ADMIN, Scope.AUDIT_READ);

  /** Checks the parts are present. */
  public Account {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(passwordHash, "passwordHash");
  }

  /**
   * What a user session of this account may do (issue 7): every scope except {@code admin} and
   * {@code audit:read}, which administrators get in addition.
   */
  public Set<Scope> sessionScopes() {
    EnumSet<Scope> scopes = EnumSet.allOf(Scope.class);
    if (!admin) {
      scopes.removeAll(ADMIN_ONLY);
    }
    return Set.copyOf(scopes);
  }

  @Override
  public String toString() {
    return "Account[" + id + ", admin=" + admin + ", verified=" + emailVerified + "]";
  }
}
