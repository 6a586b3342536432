package dev.bulwark.server.accounts;

import dev.bulwark.auth.throttle.AccountNames;
import dev.bulwark.guard.validation.EmailAddresses;
import dev.bulwark.guard.validation.Usernames;
import java.util.Locale;
import java.util.Optional;

/**
 * The canonical keys that uniqueness and login compare: a user name is checked by guard's rule and
 * then case-folded like the login throttle's counters ({@link AccountNames}), so {@code Alice},
 * {@code alice} and a full-width look-alike are one name; an address is guard's canonical form,
 * lower-cased whole (local parts are case-sensitive in theory, never in practice, and two accounts
 * differing only in case would be a phishing aid). Stateless.
 */
public final class AccountKeys {
  private AccountKeys() {}

  /** The key of a user name, or empty if it is not a valid user name. */
  public static Optional<String> usernameKey(String raw) {
    return Usernames.normalize(raw).map(AccountNames::canonical);
  }

  /** The key of an e-mail address, or empty if it is not a valid address. */
  public static Optional<String> emailKey(String raw) {
    return EmailAddresses.normalize(raw == null ? null : raw.strip()).map(a -> a.toLowerCase(Locale.ROOT));
  }

  /**
   * The key to look a login identifier up by: an address when it holds {@code @}, else a user name.
   * Empty when it is neither (the caller then compares against a dummy hash all the same).
   */
  public static Optional<String> loginKey(String identifier) {
    if (identifier == null) {
      return Optional.empty();
    }
    return identifier.indexOf('@') >= 0 ? emailKey(identifier) : usernameKey(identifier);
  }
}
