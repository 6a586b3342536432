package dev.bulwark.guard.errors;

import dev.bulwark.crypto.tokens.SecureTokens;
import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id that ties a generic error shown to a caller to the detailed entry in the server log: 16
 * random lower-case hex characters (64 bits), so ids neither collide in practice nor reveal a
 * counter of errors.
 *
 * @param value the id text
 */
public record ErrorId(String value) implements Serializable {
  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{16}");

  /** @throws IllegalArgumentException if {@code value} is not 16 lower-case hex characters */
  public ErrorId {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("an error id is 16 lower-case hex characters");
    }
  }

  /** A fresh id from the system DRBG. */
  public static ErrorId random() {
    return new ErrorId(SecureTokens.system().hex(8));
  }

  @Override
  public String toString() {
    return value;
  }
}
