package dev.bulwark.auth.throttle;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * The canonical form of an account name for throttling: NFKC, then case folding, then trimming of
 * Unicode white space, then NFKC again. Every spelling a login form would accept for one account
 * maps to one counter, so an attacker cannot get a fresh budget by writing {@code Alice},
 * {@code " alice"} or the full-width {@code ａｌｉｃｅ} (HashiCorp Vault CVE-2025-6004: user lockout
 * bypassed with case and white-space variants of the user name).
 *
 * <p>Case folding is done as upper-then-lower case in the root locale, which folds {@code ß} to
 * {@code ss} and the Kelvin sign to {@code k} like Unicode full case folding, and never depends on
 * the server's default locale (the Turkish dotless i problem). Stateless and thread-safe.
 */
public final class AccountNames {
  /** Longest account name accepted, in characters, before and after canonicalisation. */
  public static final int MAX_CHARS = 320;

  private AccountNames() {}

  /**
   * The canonical form of {@code accountName}.
   *
   * @throws IllegalArgumentException if it is blank or longer than {@value #MAX_CHARS} characters
   */
  public static String canonical(String accountName) {
    Objects.requireNonNull(accountName, "accountName");
    if (accountName.length() > MAX_CHARS) {
      throw new IllegalArgumentException("an account name is at most " + MAX_CHARS + " characters");
    }
    String folded = Normalizer.normalize(accountName, Normalizer.Form.NFKC)
        .toUpperCase(Locale.ROOT)
        .toLowerCase(Locale.ROOT)
        .strip();
    String canonical = Normalizer.normalize(folded, Normalizer.Form.NFKC);
    if (canonical.isEmpty() || canonical.length() > MAX_CHARS) {
      throw new IllegalArgumentException("an account name is 1 to " + MAX_CHARS + " characters after normalisation");
    }
    return canonical;
  }
}
