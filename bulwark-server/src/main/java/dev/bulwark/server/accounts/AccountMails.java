package dev.bulwark.server.accounts;

import dev.bulwark.auth.onetime.IssuedToken;
import dev.bulwark.server.mail.MailMessage;

/**
 * The texts of account mail. Each token sits alone on a line starting {@code token: }, so a person
 * can copy it and a script (or a test) can find it. No text includes input other than the user
 * name, which guard's rule limits to {@code [A-Za-z0-9_]}. Stateless.
 */
public final class AccountMails {
  /** The line prefix in front of a token. */
  public static final String TOKEN_LINE = "token: ";

  private AccountMails() {}

  static MailMessage verification(String to, String username, IssuedToken token) {
    return new MailMessage(to, "Verify your Bulwark e-mail address", "Hello " + username + ",\n\n"
        + "confirm this address by sending the token below to POST /v1/accounts/verify.\n"
        + "It expires at " + token.expiresAt() + " and works once.\n\n"
        + TOKEN_LINE + token.insecureToken() + "\n\n"
        + "If you did not register, ignore this mail: the account stays unusable.\n");
  }

  static MailMessage alreadyRegistered(String to, String username) {
    return new MailMessage(to, "Someone tried to register with your details", "Hello " + username + ",\n\n"
        + "someone just tried to register a Bulwark account with your user name or e-mail address.\n"
        + "Your account is unchanged. If it was you, log in, or use POST /v1/password/forgot if you\n"
        + "lost your password. If it was not you, nothing needs doing.\n");
  }

  static MailMessage reset(String to, String username, IssuedToken token) {
    return new MailMessage(to, "Reset your Bulwark password", "Hello " + username + ",\n\n"
        + "send the token below with a new password to POST /v1/password/reset.\n"
        + "It expires at " + token.expiresAt() + " and works once. Resetting signs out every session.\n\n"
        + TOKEN_LINE + token.insecureToken() + "\n\n"
        + "If you did not ask for this, ignore this mail: your password is unchanged.\n");
  }

  static MailMessage passwordChanged(String to, String username) {
    return new MailMessage(to, "Your Bulwark password was changed", "Hello " + username + ",\n\n"
        + "the password of your account was just changed and other sessions were signed out.\n"
        + "If this was not you, reset your password at once with POST /v1/password/forgot.\n");
  }
}
