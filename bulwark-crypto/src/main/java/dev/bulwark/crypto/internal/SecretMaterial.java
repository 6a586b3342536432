package dev.bulwark.crypto.internal;

import dev.bulwark.crypto.ConstantTime;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * The raw bytes behind every secret-key type of this module ({@code AeadKey}, {@code MacKey},
 * {@code FernetKey}, {@code CsrfKey}, {@code SessionSecret}...), in one place so that each of them
 * destroys, guards and hides its material the same way.
 *
 * <p>The holder owns its array: factories copy or adopt a fresh one, {@link #destroy()} zeroes it,
 * and every read after that throws {@link IllegalStateException} naming the owner's kind. It never
 * appears in {@link #toString()}.
 *
 * <p>Thread-safe; destruction is visible to all threads.
 */
public final class SecretMaterial {
  private final byte[] bytes;
  private final String kind;
  private volatile boolean destroyed;

  private SecretMaterial(byte[] bytes, String kind) {
    this.bytes = bytes;
    this.kind = kind;
  }

  /**
   * Takes ownership of {@code freshBytes}, which no one else may hold.
   *
   * @param kind what the secret is, for messages ("MAC key")
   */
  public static SecretMaterial adopt(byte[] freshBytes, String kind) {
    return new SecretMaterial(Objects.requireNonNull(freshBytes, "bytes"), Objects.requireNonNull(kind, "kind"));
  }

  /** A private copy of {@code bytes}; the caller keeps (and should wipe) its own array. */
  public static SecretMaterial copyOf(byte[] bytes, String kind) {
    return adopt(Objects.requireNonNull(bytes, "bytes").clone(), kind);
  }

  /** {@code length} fresh random bytes. */
  public static SecretMaterial random(int length, SecureRandom random, String kind) {
    byte[] bytes = new byte[length];
    Objects.requireNonNull(random, "random").nextBytes(bytes);
    return adopt(bytes, kind);
  }

  /**
   * A JCA key over all the bytes (the spec keeps its own copy, which the JDK cannot wipe: see each
   * key type's warning).
   *
   * @throws IllegalStateException if destroyed
   */
  public SecretKeySpec keySpec(String jcaAlgorithm) {
    checkLive();
    return new SecretKeySpec(bytes, jcaAlgorithm);
  }

  /** A JCA key over {@code length} bytes from {@code offset}, for keys that are halves of one secret. */
  public SecretKeySpec keySpec(int offset, int length, String jcaAlgorithm) {
    checkLive();
    return new SecretKeySpec(bytes, offset, length, jcaAlgorithm);
  }

  /**
   * A copy, for export through an {@code insecure...} accessor.
   *
   * @throws IllegalStateException if destroyed
   */
  public byte[] copy() {
    checkLive();
    return bytes.clone();
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  /** Whether both hold the same bytes, compared in constant time; false if either is destroyed. */
  public boolean sameBytes(SecretMaterial other) {
    return other != null && !destroyed && !other.destroyed && ConstantTime.equals(bytes, other.bytes);
  }

  /** Zeroes the bytes; later reads throw. Idempotent. */
  public void destroy() {
    destroyed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  /** Whether {@link #destroy()} was called. */
  public boolean isDestroyed() {
    return destroyed;
  }

  private void checkLive() {
    if (destroyed) {
      throw new IllegalStateException("this " + kind + " was destroyed");
    }
  }

  @Override
  public String toString() {
    return kind + "[redacted" + (destroyed ? ", destroyed]" : "]");
  }
}
