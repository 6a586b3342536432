package dev.bulwark.crypto.session;

import dev.bulwark.crypto.aead.AeadAlgorithm;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SecureSession} encrypts and when it rekeys. Immutable; every {@code with...} method
 * checks its value at once.
 *
 * {@snippet :
 * SessionParameters parameters = SessionParameters.defaults()
 *     .withAlgorithm(AeadAlgorithm.CHACHA20_POLY1305)
 *     .withRekeyAfterMessages(100_000)
 *     .withRekeyAfter(Duration.ofMinutes(5));
 * }
 *
 * @param algorithm AES-256-GCM (default) or ChaCha20-Poly1305: 96-bit nonces, used as counters
 * @param rekeyAfterMessages messages per epoch, 1 to 2^32 (default 2^20)
 * @param rekeyAfter the longest an epoch lasts, 1 s to 1 day (default 10 minutes)
 * @param clock the time source for {@code rekeyAfter}
 */
public record SessionParameters(AeadAlgorithm algorithm, long rekeyAfterMessages, Duration rekeyAfter, Clock clock) {
  /** The most messages one epoch key may seal (NIST SP 800-38D §8.3 caps GCM invocations at 2^32). */
  public static final long MAX_MESSAGES_PER_EPOCH = 1L << 32;

  /** Checks every value. */
  public SessionParameters {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(rekeyAfter, "rekeyAfter");
    Objects.requireNonNull(clock, "clock");
    if (algorithm != AeadAlgorithm.AES256_GCM && algorithm != AeadAlgorithm.CHACHA20_POLY1305) {
      throw new IllegalArgumentException("a session uses AES256_GCM or CHACHA20_POLY1305 (counter nonces)");
    }
    if (rekeyAfterMessages < 1 || rekeyAfterMessages > MAX_MESSAGES_PER_EPOCH) {
      throw new IllegalArgumentException("rekeyAfterMessages must be 1 to 2^32");
    }
    if (rekeyAfter.compareTo(Duration.ofSeconds(1)) < 0 || rekeyAfter.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("rekeyAfter must be 1 second to 1 day");
    }
  }

  /** AES-256-GCM, rekey after 2^20 messages or 10 minutes, the system clock. */
  public static SessionParameters defaults() {
    return new SessionParameters(AeadAlgorithm.AES256_GCM, 1L << 20, Duration.ofMinutes(10), Clock.systemUTC());
  }

  /** A copy with another algorithm. */
  public SessionParameters withAlgorithm(AeadAlgorithm newAlgorithm) {
    return new SessionParameters(newAlgorithm, rekeyAfterMessages, rekeyAfter, clock);
  }

  /** A copy that rekeys after {@code messages} messages. */
  public SessionParameters withRekeyAfterMessages(long messages) {
    return new SessionParameters(algorithm, messages, rekeyAfter, clock);
  }

  /** A copy that rekeys after {@code duration}. */
  public SessionParameters withRekeyAfter(Duration duration) {
    return new SessionParameters(algorithm, rekeyAfterMessages, duration, clock);
  }

  /** A copy with another clock (tests). */
  public SessionParameters withClock(Clock newClock) {
    return new SessionParameters(algorithm, rekeyAfterMessages, rekeyAfter, newClock);
  }
}
