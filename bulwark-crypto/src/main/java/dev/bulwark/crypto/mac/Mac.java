package dev.bulwark.crypto.mac;

import dev.bulwark.crypto.CryptoException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Computes and verifies HMAC tags under one {@link MacKey}.
 *
 * {@snippet :
 * Mac mac = Mac.create(key);
 * byte[] tag = mac.compute(message);
 * mac.verify(tag, message);          // throws CryptoException unless the tag is right
 * }
 *
 * <p>Verification recomputes the tag and compares in constant time; a mismatch is a {@link
 * CryptoException}, never a {@code false} to forget to check. {@link #verifyTruncated} accepts a
 * tag cut to a prefix of at least {@value #MIN_TRUNCATED_TAG_BYTES} bytes (128 bits; RFC 2104 §5,
 * NIST SP 800-107), for protocols that send short tags; a shorter tag is refused outright.
 *
 * <p>Thread-safe: each thread keeps its own JDK {@code Mac} per algorithm (re-keyed on every call),
 * because {@code Mac.getInstance} costs more than a MAC over a short message. Warning: the last key
 * a thread used stays in that thread's JDK object until its next use.
 */
public final class Mac {
  /** Shortest truncated tag {@link #verifyTruncated} accepts. */
  public static final int MIN_TRUNCATED_TAG_BYTES = 16;

  private static final ThreadLocal<Map<MacAlgorithm, javax.crypto.Mac>> ENGINES =
      ThreadLocal.withInitial(() -> new EnumMap<>(MacAlgorithm.class));

  private final MacKey key;

  private Mac(MacKey key) {
    this.key = key;
  }

  /** A MAC under {@code key}, with the key's algorithm. */
  public static Mac create(MacKey key) {
    return new Mac(Objects.requireNonNull(key, "key"));
  }

  /** The algorithm of this MAC's key. */
  public MacAlgorithm algorithm() {
    return key.algorithm();
  }

  /**
   * The full tag of {@code data} ({@link MacAlgorithm#tagSizeBytes()} bytes).
   *
   * @throws IllegalStateException if the key was destroyed
   */
  public byte[] compute(byte[] data) {
    Objects.requireNonNull(data, "data");
    javax.crypto.Mac engine = engine(key.algorithm());
    try {
      engine.init(key.spec());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(key.algorithm() + " rejected a valid key", e);
    }
    return engine.doFinal(data);
  }

  /**
   * Checks a full-length tag.
   *
   * @throws CryptoException if {@code tag} is not the tag of {@code data} under this key
   */
  public void verify(byte[] tag, byte[] data) throws CryptoException {
    Objects.requireNonNull(tag, "tag");
    if (!MessageDigest.isEqual(compute(data), tag)) {
      throw new CryptoException("MAC verification failed");
    }
  }

  /**
   * Checks a tag truncated to its first {@code tag.length} bytes, from {@value
   * #MIN_TRUNCATED_TAG_BYTES} up to the full length.
   *
   * @throws CryptoException if the tag is shorter than {@value #MIN_TRUNCATED_TAG_BYTES} bytes, longer
   *     than a full tag, or not a prefix of the tag of {@code data}
   */
  public void verifyTruncated(byte[] tag, byte[] data) throws CryptoException {
    Objects.requireNonNull(tag, "tag");
    byte[] full = compute(data);
    if (tag.length < MIN_TRUNCATED_TAG_BYTES || tag.length > full.length) {
      throw new CryptoException("MAC verification failed");
    }
    if (!MessageDigest.isEqual(java.util.Arrays.copyOf(full, tag.length), tag)) {
      throw new CryptoException("MAC verification failed");
    }
  }

  private static javax.crypto.Mac engine(MacAlgorithm algorithm) {
    return ENGINES.get().computeIfAbsent(algorithm, Mac::newEngine);
  }

  private static javax.crypto.Mac newEngine(MacAlgorithm algorithm) {
    try {
      return javax.crypto.Mac.getInstance(algorithm.jdkName());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm.jdkName() + " is missing from the JDK", e);
    }
  }

  @Override
  public String toString() {
    return "Mac[" + key.algorithm() + ", key redacted]";
  }
}
