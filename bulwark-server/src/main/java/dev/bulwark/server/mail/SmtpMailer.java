package dev.bulwark.server.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Objects;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends mail over SMTP with Jakarta Mail (Eclipse Angus), STARTTLS required: a server that does not
 * offer it, or whose certificate does not match {@link SmtpSettings#host()} under the JVM's trust
 * store, gets no message ({@link MailDeliveryException}), so a one-time token never crosses the
 * network in clear text or to an impostor. TLS 1.3 or 1.2 only. Thread-safe (one connection per
 * message).
 */
public final class SmtpMailer implements Mailer {
  private final SmtpSettings settings;
  private final Session session;
  private final Clock clock;

  private SmtpMailer(SmtpSettings settings, Clock clock, Properties properties) {
    this.settings = settings;
    this.clock = clock;
    this.session = Session.getInstance(properties);
  }

  /** A mailer for {@code settings}, trusting the JVM's trust store. */
  public static SmtpMailer create(SmtpSettings settings, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    return new SmtpMailer(settings, Objects.requireNonNull(clock, "clock"), properties(settings));
  }

  /**
   * A mailer whose STARTTLS sockets come from {@code tls} (a test trusting one self-signed server):
   * STARTTLS stays required and the host name is still checked against the certificate.
   */
  static SmtpMailer create(SmtpSettings settings, Clock clock, SSLSocketFactory tls) {
    Properties p = properties(Objects.requireNonNull(settings, "settings"));
    p.put("mail.smtp.ssl.socketFactory", Objects.requireNonNull(tls, "tls"));
    return new SmtpMailer(settings, Objects.requireNonNull(clock, "clock"), p);
  }

  static Properties properties(SmtpSettings settings) {
    Properties p = new Properties();
    String millis = Long.toString(settings.timeout().toMillis());
    p.setProperty("mail.transport.protocol", "smtp");
    p.setProperty("mail.from", settings.from());
    p.setProperty("mail.smtp.host", settings.host());
    p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
    p.setProperty("mail.smtp.starttls.enable", "true");
    // Without "required", Jakarta Mail silently continues in clear text when STARTTLS is missing.
    p.setProperty("mail.smtp.starttls.required", "true");
    p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    p.setProperty("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
    p.setProperty("mail.smtp.auth", Boolean.toString(settings.username().isPresent()));
    p.setProperty("mail.smtp.connectiontimeout", millis);
    p.setProperty("mail.smtp.timeout", millis);
    p.setProperty("mail.smtp.writetimeout", millis);
    return p;
  }

  @Override
  public void send(MailMessage message) {
    Objects.requireNonNull(message, "message");
    try {
      MimeMessage mime = MimeMessages.build(session, settings.from(), message, clock.instant());
      try (Transport transport = session.getTransport("smtp")) {
        if (settings.username().isPresent()) {
          transport.connect(settings.host(), settings.port(), settings.username().get(), settings.password().orElseThrow());
        } else {
          transport.connect();
        }
        transport.sendMessage(mime, mime.getAllRecipients());
      }
    } catch (MessagingException e) {
      throw new MailDeliveryException("sending over SMTP", e);
    }
  }

  @Override
  public String toString() {
    return "SmtpMailer[" + settings + "]";
  }
}
