package dev.bulwark.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Header injection through the recipient or the subject (CWE-93). */
class MailMessageTest {
  @Test
  void headerInjectionInRecipient_isRejected() {
    assertThatThrownBy(() -> new MailMessage("alice@example.com\r\nBcc: eve@example.com", "s", "b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MailMessage("alice@example.com, eve@example.com", "s", "b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void headerInjectionInSubject_isRejected() {
    assertThatThrownBy(() -> new MailMessage("alice@example.com", "Hi\r\nBcc: eve@example.com", "b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MailMessage("alice@example.com", "Hi\nthere", "b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void oversizedBody_isRejected() {
    assertThatThrownBy(() -> new MailMessage("alice@example.com", "s", "x".repeat(MailMessage.MAX_BODY_CHARS + 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_neverPrintsTheBody() {
    assertThat(new MailMessage("alice@example.com", "Reset", "token: t0p-secret").toString())
        .doesNotContain("t0p-secret").doesNotContain("alice");
  }
}
