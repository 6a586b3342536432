package dev.bulwark.auth.breached;

/**
 * A list of passwords that must not be chosen: breached corpora ({@link BreachedFilter}), the
 * common-password list ({@link CommonPasswords}) or the online range API ({@link
 * PwnedPasswordsClient}).
 *
 * {@snippet :
 * PasswordScreen screen = BreachedFilter.load(Path.of("pwned.bwbf"));
 * if (screen.screen(candidate) != ScreenVerdict.NOT_FOUND) {
 *   // refuse the password: it is breached, or the answer is unknown (fail closed)
 * }
 * }
 *
 * <p>Implementations are thread-safe. They never log or keep the password.
 */
public interface PasswordScreen {
  /**
   * Looks the password up exactly as given (callers that normalise, such as the policy, screen each
   * spelling they accept).
   *
   * @param password the candidate password; not retained
   * @return never null
   */
  ScreenVerdict screen(CharSequence password);
}
