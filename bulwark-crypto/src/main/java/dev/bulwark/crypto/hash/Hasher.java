package dev.bulwark.crypto.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * An incremental digest computation: feed data with {@link #update}, then {@link #digest()} once.
 * Obtain one from {@link Digests#newHasher}.
 *
 * {@snippet :
 * Hasher hasher = Digests.newHasher(DigestAlgorithm.SHA256);
 * while ((n = in.read(buffer)) > 0) {
 *   hasher.update(buffer, 0, n);
 * }
 * byte[] digest = hasher.digest();
 * }
 *
 * <p>Not thread-safe: one hasher per computation. After {@link #digest()} the hasher starts over
 * with empty input.
 */
public final class Hasher {
  private final DigestAlgorithm algorithm;
  private final MessageDigest jdk;
  private final Blake2bDigest blake2b;

  private Hasher(DigestAlgorithm algorithm, MessageDigest jdk, Blake2bDigest blake2b) {
    this.algorithm = algorithm;
    this.jdk = jdk;
    this.blake2b = blake2b;
  }

  static Hasher of(DigestAlgorithm algorithm) {
    Objects.requireNonNull(algorithm, "algorithm");
    return switch (algorithm) {
      case SHA256, SHA512, SHA3_256, SHA3_512 -> new Hasher(algorithm, jdkDigest(algorithm), null);
      case BLAKE2B_256, BLAKE2B_512 ->
          new Hasher(algorithm, null, new Blake2bDigest(algorithm.digestSizeBytes() * 8));
    };
  }

  static MessageDigest jdkDigest(DigestAlgorithm algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.jdkName());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm.jdkName() + " is missing from the JDK", e);
    }
  }

  /** The algorithm this hasher computes. */
  public DigestAlgorithm algorithm() {
    return algorithm;
  }

  /** Adds {@code length} bytes of {@code data} from {@code offset}. */
  public Hasher update(byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(data, "data").length);
    if (jdk != null) {
      jdk.update(data, offset, length);
    } else {
      blake2b.update(data, offset, length);
    }
    return this;
  }

  /** Adds all of {@code data}. */
  public Hasher update(byte[] data) {
    return update(data, 0, data.length);
  }

  /** Finishes the computation and resets the hasher. */
  public byte[] digest() {
    if (jdk != null) {
      return jdk.digest();
    }
    byte[] out = new byte[blake2b.getDigestSize()];
    blake2b.doFinal(out, 0);
    return out;
  }
}
