package dev.bulwark.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.server.accounts.MutableClock;
import dev.bulwark.testkit.Python;
import dev.bulwark.testkit.Requirements;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery over a real SMTP server: aiosmtpd (Debian package {@code python3-aiosmtpd}) on
 * 127.0.0.1 with STARTTLS required, driven by {@code smtp_starttls_sink.py}. Skipped when it is
 * absent, a failure under {@code BULWARK_REQUIRE_ALL=1}.
 */
class SmtpDeliveryTest {
  @TempDir Path dir;

  @Test
  void message_isDeliveredUnderStarttls_toTheRecipient() throws Exception {
    try (Sink sink = Sink.start(dir)) {
      SmtpMailer mailer = SmtpMailer.create(sink.settings(), new MutableClock(), sink.trusting());
      mailer.send(new MailMessage("alice@example.com", "Verify your e-mail", "token: verify-token-123\n"));

      Path delivered = dir.resolve("message-1.eml");
      assertThat(delivered).exists();
      String eml = Files.readString(delivered, StandardCharsets.UTF_8);
      assertThat(eml).startsWith("X-Sink-TLS: yes\r\nX-Sink-Rcpt: alice@example.com\r\n")
          .contains("Subject: Verify your e-mail", "From: bulwark@localhost", "To: alice@example.com", "verify-token-123");
    }
  }

  @Test
  void serverWhoseCertificateIsNotTrusted_receivesNoMessage() throws Exception {
    try (Sink sink = Sink.start(dir)) {
      // The JVM's trust store does not hold the sink's self-signed certificate.
      SmtpMailer mailer = SmtpMailer.create(sink.settings(), new MutableClock());
      assertThatThrownBy(() -> mailer.send(new MailMessage("alice@example.com", "Reset", "token: not-for-impostors\n")))
          .isInstanceOf(MailDeliveryException.class);
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("message-"));
    }
  }

  /** The aiosmtpd process; stops when its stdin closes. */
  private record Sink(Process process, Path dir, int port) implements AutoCloseable {
    static Sink start(Path dir) throws IOException {
      Python python = Requirements.python("aiosmtpd", "cryptography");
      Path script = dir.resolve("smtp_starttls_sink.py");
      try (InputStream in = SmtpDeliveryTest.class.getResourceAsStream("smtp_starttls_sink.py")) {
        Files.copy(in, script);
      }
      Process process = new ProcessBuilder(python.executable(), script.toString(), dir.toString())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String ready = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      if (ready == null || !ready.startsWith("READY ")) {
        process.destroyForcibly();
        throw new AssertionError("the SMTP sink did not start: " + ready);
      }
      return new Sink(process, dir, Integer.parseInt(ready.substring(6).strip()));
    }

    SmtpSettings settings() {
      return new SmtpSettings("127.0.0.1", port, Optional.empty(), Optional.empty(), "bulwark@localhost",
          Duration.ofSeconds(10));
    }

    SSLSocketFactory trusting() throws IOException, GeneralSecurityException {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
        trust.setCertificateEntry("sink", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context.getSocketFactory();
    }

    @Override
    public void close() throws IOException {
      process.getOutputStream().close();
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
