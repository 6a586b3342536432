package dev.bulwark.server.secrets;

import java.util.Objects;

/**
 * One decrypted secret version as {@link SecretStore#get} returns it.
 *
 * @param path the path it was read from
 * @param version its version number (1 for the first write)
 * @param value the plaintext; callers must not log it
 * @param createdAtMillis when it was written (epoch milliseconds)
 */
public record SecretValue(SecretPath path, int version, String value, long createdAtMillis) {
  public SecretValue {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(value, "value");
  }

  /** Never prints the value. */
  @Override
  public String toString() {
    return "SecretValue[" + path + " v" + version + "]";
  }
}
