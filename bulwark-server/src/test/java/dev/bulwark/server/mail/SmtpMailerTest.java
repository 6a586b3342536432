package dev.bulwark.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.server.accounts.MutableClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * STARTTLS stripping: an SMTP server (or a man in the middle) that does not offer STARTTLS must get
 * no message, rather than the token in clear text. The server here is a real TCP listener that
 * speaks enough SMTP to accept a message in clear text, and records what it is sent.
 */
class SmtpMailerTest {

  @Test
  void serverWithoutStarttls_receivesNoMessage() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> serveWithoutTls(server, received));
      SmtpSettings settings = new SmtpSettings("127.0.0.1", server.getLocalPort(), Optional.empty(), Optional.empty(),
          "bulwark@localhost", Duration.ofSeconds(5));
      SmtpMailer mailer = SmtpMailer.create(settings, new MutableClock());

      assertThatThrownBy(() -> mailer.send(new MailMessage("alice@example.com", "Reset", "token: clear-text-token\n")))
          .isInstanceOf(MailDeliveryException.class)
          .hasMessage("sending over SMTP failed");
    }
    assertThat(received).anyMatch(line -> line.startsWith("EHLO"));
    assertThat(received).noneMatch(line -> line.startsWith("MAIL FROM") || line.startsWith("DATA")
        || line.contains("clear-text-token"));
  }

  @Test
  void settings_requireUsernameAndPasswordTogether_andHideThePassword() {
    assertThatThrownBy(() -> new SmtpSettings("smtp.example.com", 587, Optional.of("u"), Optional.empty(),
        "a@example.com", Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class);
    SmtpSettings s = new SmtpSettings("smtp.example.com", 587, Optional.of("u"), Optional.of("pw-value"),
        "a@example.com", Duration.ofSeconds(5));
    assertThat(s.toString()).doesNotContain("pw-value");
    assertThat(SmtpMailer.properties(s).getProperty("mail.smtp.starttls.required")).isEqualTo("true");
    assertThat(SmtpMailer.properties(s).getProperty("mail.smtp.ssl.checkserveridentity")).isEqualTo("true");
  }

  /** Greets, answers EHLO without STARTTLS, and accepts anything else with 250 (a clear-text server). */
  private static void serveWithoutTls(ServerSocket server, List<String> received) {
    try (Socket s = server.accept()) {
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = s.getOutputStream();
      write(out, "220 localhost ESMTP\r\n");
      String line;
      while ((line = in.readLine()) != null) {
        received.add(line);
        if (line.startsWith("EHLO")) {
          write(out, "250-localhost\r\n250 8BITMIME\r\n");
        } else if (line.startsWith("QUIT")) {
          write(out, "221 bye\r\n");
          return;
        } else if (line.startsWith("DATA")) {
          write(out, "354 go on\r\n");
        } else {
          write(out, "250 OK\r\n");
        }
      }
    } catch (IOException ignored) {
      // the client hung up, which is what the test expects
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
