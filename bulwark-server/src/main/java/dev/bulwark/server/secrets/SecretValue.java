package dev.bulwark.server.secrets;

import java.util.Objects;

/**
 * One decrypted secret version as {@link SecretStore#get} returns it.
 *
 * @param path the path it was read from
 * @param version its version number (1 for the first write)
 * @param content the plaintext, one string or named fields; callers must not log it
 * @param createdAtMillis when it was written (epoch milliseconds)
 */
public record SecretValue(SecretPath path, int version, SecretContent content, long createdAtMillis) {
  public SecretValue {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
  }

  /**
   * The string of a {@link SecretContent.Text} secret.
   *
   * @throws IllegalStateException if this version holds named fields (use {@link #content()})
   */
  public String value() {
    if (content instanceof SecretContent.Text text) {
      return text.value();
    }
    throw new IllegalStateException("this secret version holds fields, not one value");
  }

  /** Never prints the value. */
  @Override
  public String toString() {
    return "SecretValue[" + path + " v" + version + "]";
  }
}
