package dev.bulwark.server.accounts;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/** Reads the {@code .eml} files an {@code OutboxMailer} wrote, as a user's mail client would. */
public final class Outbox {
  /** One parsed mail. */
  public record Mail(Path file, String to, String subject, String body) {
    /** The token on the mail's {@code token: } line. */
    public String token() {
      return body.lines().filter(l -> l.startsWith(AccountMails.TOKEN_LINE)).findFirst()
          .map(l -> l.substring(AccountMails.TOKEN_LINE.length()).strip())
          .orElseThrow(() -> new AssertionError("no token line in mail: " + subject));
    }
  }

  private final Path folder;

  public Outbox(Path folder) {
    this.folder = folder;
  }

  /** Every mail, oldest first. */
  public List<Mail> all() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".eml"))
          .sorted(Comparator.comparing(f -> f.getFileName().toString()))
          .map(Outbox::parse).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Mails to {@code address}, oldest first. */
  public List<Mail> to(String address) {
    return all().stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
  }

  /** The newest mail to {@code address} whose subject contains {@code subjectPart}. */
  public Optional<Mail> latest(String address, String subjectPart) {
    List<Mail> mails = to(address).stream().filter(m -> m.subject().contains(subjectPart)).toList();
    return mails.isEmpty() ? Optional.empty() : Optional.of(mails.getLast());
  }

  private static Mail parse(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
      String to = m.getRecipients(Message.RecipientType.TO)[0].toString();
      return new Mail(file, to, m.getSubject(), m.getContent().toString());
    } catch (IOException | MessagingException e) {
      throw new AssertionError("unreadable mail " + file, e);
    }
  }
}
