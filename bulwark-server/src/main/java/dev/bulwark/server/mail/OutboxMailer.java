package dev.bulwark.server.mail;

import dev.bulwark.crypto.tokens.SecureTokens;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Writes each message as an RFC 5322 {@code .eml} file into an outbox folder ({@code DATA/outbox}):
 * the mailer of a server without SMTP, and what tests read to get a token.
 *
 * <p>Guarantees: a file appears whole or not at all (written to a temporary name in the same folder,
 * forced to disk, then renamed atomically), is readable by its owner only (POSIX 0600; the folder is
 * 0700), and has a random name ({@code <epoch ms>-<random>.eml}), so names neither collide nor can be
 * chosen by input. The body holds one-time tokens: treat the folder as secret. Thread-safe.
 */
public final class OutboxMailer implements Mailer {
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private final Path outbox;
  private final String from;
  private final Clock clock;
  private final Session session;
  private final boolean posix;

  private OutboxMailer(Path outbox, String from, Clock clock) {
    this.outbox = outbox;
    this.from = from;
    this.clock = clock;
    Properties properties = new Properties();
    properties.setProperty("mail.from", from);
    this.session = Session.getInstance(properties);
    this.posix = outbox.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * An outbox in {@code outbox} (created 0700 if absent).
   *
   * @param from the sender address written into each message
   * @throws MailDeliveryException if the folder cannot be created
   */
  public static OutboxMailer create(Path outbox, String from, Clock clock) {
    OutboxMailer mailer = new OutboxMailer(Objects.requireNonNull(outbox, "outbox").toAbsolutePath(),
        Objects.requireNonNull(from, "from"), Objects.requireNonNull(clock, "clock"));
    try {
      if (!Files.isDirectory(mailer.outbox)) {
        Files.createDirectories(mailer.outbox, mailer.attribute(DIRECTORY));
      }
    } catch (IOException e) {
      throw new MailDeliveryException("creating the outbox folder", e);
    }
    return mailer;
  }

  /** The folder messages are written to. */
  public Path folder() {
    return outbox;
  }

  @Override
  public void send(MailMessage message) {
    Objects.requireNonNull(message, "message");
    byte[] bytes;
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      MimeMessages.build(session, from, message, clock.instant()).writeTo(out);
      bytes = out.toByteArray();
    } catch (MessagingException | IOException e) {
      throw new MailDeliveryException("composing a message", e);
    }
    String name = clock.millis() + "-" + SecureTokens.system().hex(8);
    Path temporary = outbox.resolve("." + name + ".tmp");
    try {
      Files.createFile(temporary, attribute(FILE));
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temporary, outbox.resolve(name + ".eml"), StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      throw new MailDeliveryException("writing to the outbox (name collision)", e);
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new MailDeliveryException("writing to the outbox", e);
    }
  }

  private FileAttribute<?>[] attribute(Set<PosixFilePermission> permissions) {
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // the temporary name starts with a dot and ends in .tmp: readers skip it
    }
  }

  @Override
  public String toString() {
    return "OutboxMailer[" + outbox + "]";
  }
}
