package dev.bulwark.crypto.session;

import dev.bulwark.crypto.internal.SecretMaterial;
import dev.bulwark.crypto.aead.internal.DefaultRandom;
import java.security.SecureRandom;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * The master secret a {@link SecureSession} derives its first keys from (for example the output of
 * a key exchange). At least 32 bytes of high entropy: never a password.
 *
 * <p>{@code toString()} never shows the material. Thread-safe.
 */
public final class SessionSecret implements Destroyable {
  /** The minimum length, in bytes. */
  public static final int MIN_BYTES = 32;

  private final SecretMaterial material;

  private SessionSecret(byte[] material) {
    this.material = SecretMaterial.adopt(material, "session secret");
  }

  /** A fresh 32-byte secret from the JDK's DRBG. */
  public static SessionSecret generate() {
    return generate(DefaultRandom.get());
  }

  /** A fresh 32-byte secret from {@code random}. */
  public static SessionSecret generate(SecureRandom random) {
    byte[] material = new byte[MIN_BYTES];
    Objects.requireNonNull(random, "random").nextBytes(material);
    return new SessionSecret(material);
  }

  /**
   * Wraps existing secret material (copied), such as a key-exchange output.
   *
   * @throws IllegalArgumentException if shorter than {@link #MIN_BYTES} or longer than 1024 bytes
   */
  public static SessionSecret insecureFromBytes(byte[] material) {
    Objects.requireNonNull(material, "material");
    if (material.length < MIN_BYTES || material.length > 1024) {
      throw new IllegalArgumentException("a session secret is 32 to 1024 bytes, got " + material.length);
    }
    return new SessionSecret(material.clone());
  }

  /**
   * A copy of the material.
   *
   * @throws IllegalStateException if destroyed
   */
  public byte[] insecureExportBytes() {
    return material.copy();
  }

  @Override
  public void destroy() {
    material.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return material.isDestroyed();
  }

  @Override
  public String toString() {
    return material.isDestroyed() ? "SessionSecret[destroyed]" : "SessionSecret";
  }
}
