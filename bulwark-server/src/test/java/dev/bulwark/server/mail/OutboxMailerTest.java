package dev.bulwark.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.server.accounts.MutableClock;
import dev.bulwark.server.accounts.Outbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxMailerTest {
  @TempDir Path dir;

  @Test
  void send_writesOneWholeMessageReadableByItsOwnerOnly() throws Exception {
    OutboxMailer mailer = OutboxMailer.create(dir.resolve("outbox"), "bulwark@localhost", new MutableClock());
    mailer.send(new MailMessage("alice@example.com", "Verify your address", "token: abc\n"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(mailer.folder()))).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(mailer.folder())) {
      assertThat(files.toList()).singleElement().satisfies(f -> {
        assertThat(f.getFileName().toString()).matches("[0-9]+-[0-9a-f]{16}\\.eml");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
      });
    }
    Outbox.Mail mail = new Outbox(mailer.folder()).all().getFirst();
    assertThat(mail.to()).isEqualTo("alice@example.com");
    assertThat(mail.subject()).isEqualTo("Verify your address");
    assertThat(mail.token()).isEqualTo("abc");
  }

  @Test
  void concurrentSends_neverCollideOrLeaveTemporaryFiles() throws Exception {
    OutboxMailer mailer = OutboxMailer.create(dir.resolve("outbox"), "bulwark@localhost", new MutableClock());
    try (var pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 64; i++) {
        int n = i;
        pool.submit(() -> mailer.send(new MailMessage("user" + n + "@example.com", "Notice", "token: t" + n + "\n")));
      }
    }
    try (Stream<Path> files = Files.list(mailer.folder())) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).hasSize(64).allMatch(n -> n.endsWith(".eml"));
    }
    assertThat(new Outbox(mailer.folder()).all()).extracting(Outbox.Mail::token).doesNotHaveDuplicates();
  }

  @Test
  void unwritableOutbox_failsWithAMessageThatNamesTheStepOnly() throws Exception {
    Path outbox = dir.resolve("outbox");
    OutboxMailer mailer = OutboxMailer.create(outbox, "bulwark@localhost", new MutableClock());
    // The folder replaced by a plain file: no file can be created in it, whoever runs the test.
    Files.delete(outbox);
    Files.writeString(outbox, "not a folder");
    assertThatThrownBy(() -> mailer.send(new MailMessage("bob@example.com", "Reset", "token: secret-token\n")))
        .isInstanceOf(MailDeliveryException.class)
        .hasMessage("writing to the outbox failed")
        .hasMessageNotContaining("secret-token");
  }
}
