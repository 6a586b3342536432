package dev.bulwark.guard.secrets;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One place secrets come from: the environment, a {@code .env} file, a secrets directory, the
 * encrypted configuration store, HashiCorp Vault. {@link Secrets} asks its sources in order.
 *
 * <p>A source answers "not here" with an empty result, and "I could not look" (unreadable, refused,
 * unreachable) with a {@link SecretsException}: the chain then fails closed instead of falling
 * through to a lower-priority source. Implementations are thread-safe.
 */
public interface SecretSource {
  /**
   * The value of {@code name} in this source, or empty if this source does not have it.
   *
   * @param name a valid secret name (see {@link Secrets#checkName(String)})
   * @throws SecretsException if the source could not be read
   */
  Optional<Secret> find(String name) throws SecretsException;

  /** What this source is, for error messages ("environment", ".env file /app/.env"); no secrets. */
  String description();

  /** The process environment ({@link System#getenv()}). */
  static SecretSource environment() {
    return new EnvironmentSource(System.getenv(), "environment");
  }

  /** The given variables, as if they were the environment (tests, or an already-filtered copy). */
  static SecretSource environment(Map<String, String> variables) {
    return new EnvironmentSource(variables, "environment");
  }

  /**
   * A {@code .env} file, read and checked now: refused if it is group- or world-readable (or
   * -writable), over the size limit, or malformed. See {@link DotEnvFile} for the syntax.
   *
   * @throws SecretsException if the file is missing, unreadable, too open, too large or malformed
   */
  static SecretSource dotEnv(Path file) throws SecretsException {
    return DotEnvFile.load(file);
  }

  /**
   * A directory with one file per secret, named after it ({@code /run/secrets} of Docker, or a
   * Kubernetes secret volume). One trailing newline of a file is dropped.
   */
  static SecretSource directory(Path directory) {
    return new SecretsDirectory(directory);
  }
}
