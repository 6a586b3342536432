package dev.bulwark.crypto.tokens;

import dev.bulwark.crypto.internal.SecretMaterial;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

/**
 * The 256-bit HMAC key behind {@link CsrfTokens}. Every instance of a service that shares sessions
 * must hold the same key; rotate it by deploying a new one (outstanding forms then fail once and are
 * reloaded).
 *
 * <p>Key bytes never appear in {@link #toString()}; {@link #destroy()} zeroes them. Thread-safe.
 */
public final class CsrfKey implements Destroyable {
  static final int KEY_BYTES = 32;
  private final SecretMaterial material;

  private CsrfKey(byte[] material) {
    this.material = SecretMaterial.adopt(material, "CSRF key");
  }

  /** A new random key from the system DRBG. */
  public static CsrfKey generate() {
    return new CsrfKey(SecureTokens.system().bytes(KEY_BYTES));
  }

  /** A new random key from {@code random}. */
  public static CsrfKey generate(SecureRandom random) {
    byte[] material = new byte[KEY_BYTES];
    Objects.requireNonNull(random, "random").nextBytes(material);
    return new CsrfKey(material);
  }

  /**
   * Rebuilds a key exported with {@link #insecureExportBytes()}; the caller's array is copied.
   *
   * @throws IllegalArgumentException unless exactly 32 bytes are given
   */
  public static CsrfKey insecureFromBytes(byte[] material) {
    if (material == null || material.length != KEY_BYTES) {
      throw new IllegalArgumentException("a CSRF key is exactly " + KEY_BYTES + " bytes");
    }
    return new CsrfKey(material.clone());
  }

  /** A copy of the key bytes, for sealed storage only. */
  public byte[] insecureExportBytes() {
    return material.copy();
  }

  SecretKeySpec macKey() {
    return material.keySpec("HmacSHA256");
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
    return "CsrfKey[redacted]";
  }
}
