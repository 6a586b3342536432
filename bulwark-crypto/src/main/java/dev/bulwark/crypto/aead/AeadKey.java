package dev.bulwark.crypto.aead;

import dev.bulwark.crypto.internal.SecretMaterial;
import dev.bulwark.crypto.aead.internal.AeadEngine;
import dev.bulwark.crypto.aead.internal.DefaultRandom;
import dev.bulwark.crypto.aead.internal.MessageBudget;
import dev.bulwark.crypto.aead.internal.RandomNonceAead;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A 256-bit AEAD key bound to its {@link AeadAlgorithm}: the key can only ever be used with that
 * algorithm, so one key never feeds two ciphers.
 *
 * {@snippet :
 * AeadKey key = AeadKey.generate(AeadAlgorithm.AES256_GCM);
 * byte[] ciphertext = key.aead().encrypt(plaintext, associatedData);
 * key.destroy(); // the material is zeroed; every Aead of this key now refuses to work
 * }
 *
 * <p>Every {@link Aead} from this key shares one message counter: once {@link
 * AeadAlgorithm#maxMessagesPerKey()} encryptions have been made, {@code encrypt} throws instead of
 * risking a nonce collision. The counter is per key object in memory; a key re-imported elsewhere
 * starts from zero, so rotate keys (see the keyset package) well before the limit.
 *
 * <p>{@code toString()} never shows the material; export is only through {@link
 * #insecureExportBytes()}. Thread-safe. Warning: the JDK's {@code SecretKeySpec} copy used by the
 * AES-GCM and ChaCha20-Poly1305 ciphers cannot be wiped; {@link #destroy()} drops it for the garbage
 * collector.
 */
public final class AeadKey implements Destroyable {
  private final AeadAlgorithm algorithm;
  private final SecretMaterial material;
  private final AeadEngine engine;
  private final MessageBudget budget;
  private final BufferAead aead;

  private AeadKey(AeadAlgorithm algorithm, byte[] material) {
    this.algorithm = algorithm;
    this.material = SecretMaterial.adopt(material, "AEAD key");
    byte[] engineKey = this.material.copy();
    try {
      this.engine = AeadEngine.create(algorithm, engineKey);
    } finally {
      Arrays.fill(engineKey, (byte) 0);
    }
    this.budget = new MessageBudget(algorithm.maxMessagesPerKey());
    this.aead = RandomNonceAead.withDefaultRandom(engine, budget);
  }

  /** Generates a fresh key from the JDK's DRBG. */
  public static AeadKey generate(AeadAlgorithm algorithm) {
    return generate(algorithm, DefaultRandom.get());
  }

  /** Generates a fresh key from {@code random}. */
  public static AeadKey generate(AeadAlgorithm algorithm, SecureRandom random) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(random, "random");
    byte[] material = new byte[algorithm.keySizeBytes()];
    random.nextBytes(material);
    return new AeadKey(algorithm, material);
  }

  /**
   * Wraps existing key material (copied). Insecure because the caller held the raw key: prefer
   * {@link #generate} and sealed keysets.
   *
   * @throws IllegalArgumentException if the length does not match the algorithm
   */
  public static AeadKey insecureFromBytes(AeadAlgorithm algorithm, byte[] material) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(material, "material");
    if (material.length != algorithm.keySizeBytes()) {
      throw new IllegalArgumentException(
          algorithm + " needs a " + algorithm.keySizeBytes() + "-byte key, got " + material.length + " bytes");
    }
    return new AeadKey(algorithm, material.clone());
  }

  /** The algorithm this key is bound to. */
  public AeadAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * An {@link Aead} with random nonces from the JDK's DRBG; the same object every time. It is also a
   * {@link BufferAead}, for callers that encrypt into a buffer they reuse.
   */
  public BufferAead aead() {
    return aead;
  }

  /** An {@link Aead} drawing its nonces from {@code nonceSource} (for deterministic tests). */
  public BufferAead aead(SecureRandom nonceSource) {
    return new RandomNonceAead(engine, budget, Objects.requireNonNull(nonceSource, "nonceSource"));
  }

  /** Encryptions this key may still make before it refuses (see the class comment). */
  public long encryptionsRemaining() {
    return budget.remaining();
  }

  /**
   * A copy of the raw key. Insecure: the caller becomes responsible for the secret (zero it, never
   * log it, never store it unsealed).
   *
   * @throws IllegalStateException if the key was destroyed
   */
  public byte[] insecureExportBytes() {
    return material.copy();
  }

  /** Zeroes the material; every {@link Aead} of this key then throws on use. Idempotent. */
  @Override
  public void destroy() {
    engine.destroy();
    material.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return material.isDestroyed();
  }

  @Override
  public String toString() {
    return "AeadKey[" + algorithm + (material.isDestroyed() ? ", destroyed]" : "]");
  }
}
