package dev.bulwark.server.mail;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how {@link SmtpMailer} delivers. There is no setting to turn STARTTLS off or to skip
 * the server-identity check: mail carries one-time tokens, so a server that cannot offer TLS gets
 * nothing.
 *
 * @param host the SMTP server's host name (checked against its certificate)
 * @param port usually 587 (submission)
 * @param username for SMTP AUTH, if the server wants it
 * @param password for SMTP AUTH; never printed by {@link #toString()}
 * @param from the sender address
 * @param timeout connect, read and write timeout
 */
public record SmtpSettings(String host, int port, Optional<String> username, Optional<String> password, String from,
    Duration timeout) {
  /** @throws IllegalArgumentException if a value is out of range or a username comes without a password */
  public SmtpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(timeout, "timeout");
    if (host.isBlank() || port < 1 || port > 65_535) {
      throw new IllegalArgumentException("smtp host must be set and port be 1..65535");
    }
    if (username.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException("smtp username and password go together");
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(2)) > 0) {
      throw new IllegalArgumentException("smtp timeout must be positive and at most 2 minutes");
    }
  }

  @Override
  public String toString() {
    return "SmtpSettings[" + host + ":" + port + ", auth=" + username.isPresent() + "]";
  }
}
