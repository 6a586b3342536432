package dev.bulwark.server.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/** Builds the RFC 5322 message both mailers send, so the outbox holds exactly what SMTP would. */
final class MimeMessages {
  private MimeMessages() {}

  static MimeMessage build(Session session, String from, MailMessage message, Instant now) throws MessagingException {
    MimeMessage mime = new MimeMessage(session);
    mime.setFrom(new InternetAddress(from, true));
    mime.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(message.to(), true));
    mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
    mime.setText(message.body(), StandardCharsets.UTF_8.name());
    mime.setSentDate(Date.from(now));
    mime.saveChanges();
    return mime;
  }
}
