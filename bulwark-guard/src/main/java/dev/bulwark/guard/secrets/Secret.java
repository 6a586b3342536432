package dev.bulwark.guard.secrets;

import dev.bulwark.crypto.ConstantTime;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A secret value (a password, a token, a key in text form) that never prints itself: {@link
 * #toString()} is redacted, {@link #equals(Object)} compares in constant time, and the value leaves
 * only through the greppable {@link #insecureValue()} / {@link #insecureBytes()} accessors.
 *
 * {@snippet :
 * Secret password = secrets.require("DB_PASSWORD");
 * log.info("loaded {}", password);                      // logs "Secret[redacted]"
 * dataSource.setPassword(password.insecureValue());     // the one place the value is used
 * password.destroy();                                   // zeroes this copy
 * }
 *
 * <p>The value is held as bytes (UTF-8 for text) and {@link #destroy() destroyed} by zeroing them;
 * every accessor then throws {@link IllegalStateException}. Thread-safe.
 *
 * <p>Warning: a {@code String} returned by {@link #insecureValue()} cannot be wiped; prefer {@link
 * #insecureBytes()} (and zero the copy) where the consumer takes bytes. The length of a secret is not
 * hidden by {@link #equals(Object)}.
 */
public final class Secret implements Destroyable {
  private final byte[] value;
  /** A private lock: callers cannot contend for it (they may well synchronize on a Secret). */
  private final Object lock = new Object();
  private boolean destroyed;

  private Secret(byte[] value) {
    this.value = value;
  }

  /** A secret holding the UTF-8 encoding of {@code value}. */
  public static Secret of(CharSequence value) {
    Objects.requireNonNull(value, "value");
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return new Secret(bytes);
  }

  /** A secret holding a copy of {@code value} (the caller may zero its array afterwards). */
  public static Secret ofBytes(byte[] value) {
    return new Secret(Objects.requireNonNull(value, "value").clone());
  }

  /** Takes ownership of {@code value} without copying; for this package's sources. */
  static Secret adopt(byte[] value) {
    return new Secret(value);
  }

  /**
   * The value as text (UTF-8).
   *
   * @throws IllegalStateException if destroyed, or if the value is not valid UTF-8 (use {@link
   *     #insecureBytes()} for binary secrets)
   */
  public String insecureValue() {
    synchronized (lock) {
      checkAlive();
      try {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(value))
            .toString();
      } catch (CharacterCodingException e) {
        throw new IllegalStateException("the secret is not UTF-8 text; read it with insecureBytes()");
      }
    }
  }

  /**
   * A copy of the value's bytes; zero it when done.
   *
   * @throws IllegalStateException if destroyed
   */
  public byte[] insecureBytes() {
    synchronized (lock) {
      checkAlive();
      return value.clone();
    }
  }

  /**
   * The length of the value in bytes (not secret: it is visible in any case to whoever sees the
   * ciphertext or the traffic).
   *
   * @throws IllegalStateException if destroyed
   */
  public int lengthBytes() {
    synchronized (lock) {
      checkAlive();
      return value.length;
    }
  }

  /** Zeroes the value; every accessor throws afterwards. Idempotent. */
  @Override
  public void destroy() {
    synchronized (lock) {
      Arrays.fill(value, (byte) 0);
      destroyed = true;
    }
  }

  @Override
  public boolean isDestroyed() {
    synchronized (lock) {
      return destroyed;
    }
  }

  /**
   * Constant-time comparison of the values (their lengths are not hidden). A destroyed secret equals
   * only itself.
   */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Secret that)) {
      return false;
    }
    byte[] mine;
    byte[] theirs;
    synchronized (lock) {
      if (destroyed) {
        return false;
      }
      mine = value.clone();
    }
    synchronized (that.lock) {
      if (that.destroyed) {
        Arrays.fill(mine, (byte) 0);
        return false;
      }
      theirs = that.value.clone();
    }
    try {
      return ConstantTime.equals(mine, theirs);
    } finally {
      Arrays.fill(mine, (byte) 0);
      Arrays.fill(theirs, (byte) 0);
    }
  }

  /** A constant: a hash of the value would leak information about it, and secrets are not map keys. */
  @Override
  public int hashCode() {
    return Secret.class.hashCode();
  }

  /** Always {@code Secret[redacted]} (or {@code Secret[destroyed]}): never the value. */
  @Override
  public String toString() {
    synchronized (lock) {
      return destroyed ? "Secret[destroyed]" : "Secret[redacted]";
    }
  }

  private void checkAlive() {
    if (destroyed) {
      throw new IllegalStateException("the secret was destroyed");
    }
  }
}
