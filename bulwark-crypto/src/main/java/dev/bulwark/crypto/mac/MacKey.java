package dev.bulwark.crypto.mac;

import dev.bulwark.crypto.internal.SecretMaterial;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

/**
 * A secret HMAC key bound to one {@link MacAlgorithm}: a key is never used with another hash.
 *
 * {@snippet :
 * MacKey key = MacKey.generate(MacAlgorithm.HMAC_SHA256);
 * byte[] tag = Mac.create(key).compute(message);
 * }
 *
 * <p>Key bytes never appear in {@link #toString()}; {@link #destroy()} zeroes them, after which every
 * use throws {@link IllegalStateException}. Thread-safe.
 */
public final class MacKey implements Destroyable {
  /** Shortest key accepted from outside: 128 bits. */
  public static final int MIN_KEY_BYTES = 16;

  /** Longest key accepted from outside (longer HMAC keys are hashed anyway). */
  public static final int MAX_KEY_BYTES = 1024;

  private final MacAlgorithm algorithm;
  private final SecretMaterial material;

  private MacKey(MacAlgorithm algorithm, byte[] material) {
    this.algorithm = algorithm;
    this.material = SecretMaterial.adopt(material, "MAC key");
  }

  /** A new random key of {@link MacAlgorithm#keySizeBytes()} from a fresh {@link SecureRandom}. */
  public static MacKey generate(MacAlgorithm algorithm) {
    return generate(algorithm, new SecureRandom());
  }

  /** A new random key of {@link MacAlgorithm#keySizeBytes()} from {@code random}. */
  public static MacKey generate(MacAlgorithm algorithm, SecureRandom random) {
    Objects.requireNonNull(algorithm, "algorithm");
    byte[] material = new byte[algorithm.keySizeBytes()];
    Objects.requireNonNull(random, "random").nextBytes(material);
    return new MacKey(algorithm, material);
  }

  /**
   * A key from existing bytes (copied), for keys held in a secret store or given by a protocol.
   *
   * @throws IllegalArgumentException unless {@value #MIN_KEY_BYTES} to {@value #MAX_KEY_BYTES} bytes
   */
  public static MacKey insecureFromBytes(MacAlgorithm algorithm, byte[] material) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(material, "material");
    if (material.length < MIN_KEY_BYTES || material.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException(
          "an HMAC key must be " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes, got " + material.length);
    }
    return new MacKey(algorithm, material.clone());
  }

  /** The algorithm this key is bound to. */
  public MacAlgorithm algorithm() {
    return algorithm;
  }

  /** A copy of the key bytes, for sealed storage only. */
  public byte[] insecureExportBytes() {
    return material.copy();
  }

  SecretKeySpec spec() {
    return material.keySpec(algorithm.jdkName());
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
    return "MacKey[" + algorithm + ", redacted]";
  }
}
