package dev.bulwark.auth.breached;

/**
 * What {@link PwnedPasswordsClient} answers when the range API cannot be reached, times out or
 * answers something malformed.
 */
public enum FailureMode {
  /** Answer {@link ScreenVerdict#UNAVAILABLE}; the policy then refuses the password. The default. */
  FAIL_CLOSED,
  /**
   * Answer {@link ScreenVerdict#NOT_FOUND}, accepting the password unscreened.
   *
   * <p><b>Warning:</b> an attacker who can block or slow the request (or an outage) turns the
   * breached-password check off. Choose it only with an offline {@link BreachedFilter} beside it.
   */
  FAIL_OPEN
}
