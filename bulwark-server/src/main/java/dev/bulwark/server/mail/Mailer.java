package dev.bulwark.server.mail;

/**
 * Delivers account mail (verification, password reset, notices). Two implementations: {@link
 * SmtpMailer} when SMTP is configured (STARTTLS required), else {@link OutboxMailer}, which writes
 * each message as an {@code .eml} file under {@code DATA/outbox} for an operator (or a test) to
 * read.
 *
 * <p>{@link #send} returns once the message is handed over (SMTP accepted it, or the file is
 * durably in place) and throws {@link MailDeliveryException} otherwise; it never logs the body,
 * which may carry a one-time token. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Mailer {
  /**
   * Sends {@code message}.
   *
   * @throws MailDeliveryException if it could not be handed over
   */
  void send(MailMessage message);
}
