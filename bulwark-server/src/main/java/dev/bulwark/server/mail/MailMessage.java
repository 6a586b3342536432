package dev.bulwark.server.mail;

import dev.bulwark.guard.validation.EmailAddresses;
import java.util.Objects;

/**
 * One plain-text mail to one recipient: a verification link, a reset token, a notice.
 *
 * <p>Rejects, at construction, what would let a value change the message's structure: a recipient
 * that is not a valid address (guard's {@link EmailAddresses}, which refuses white space and control
 * characters, so no header injection through the address), a subject with a line break (header
 * injection), and a body over {@value #MAX_BODY_CHARS} characters. The body may hold a one-time
 * token: {@link #toString()} never prints it. Immutable.
 *
 * @param to the recipient, in its canonical form
 * @param subject one line
 * @param body plain text
 */
public record MailMessage(String to, String subject, String body) {
  /** Longest body accepted. */
  public static final int MAX_BODY_CHARS = 16 * 1024;

  /** @throws IllegalArgumentException if the address is invalid, the subject spans lines, or the body is too long */
  public MailMessage {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    if (EmailAddresses.normalize(to).isEmpty()) {
      throw new IllegalArgumentException("not a valid recipient address");
    }
    if (subject.isBlank() || subject.length() > 200 || subject.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("a subject is one line of 1 to 200 printable characters");
    }
    if (body.length() > MAX_BODY_CHARS) {
      throw new IllegalArgumentException("a mail body is at most " + MAX_BODY_CHARS + " characters");
    }
  }

  @Override
  public String toString() {
    return "MailMessage[subject=" + subject + ", body redacted]";
  }
}
