package dev.bulwark.crypto.kem;

import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * The result of {@link KemPublicKey#encapsulate()}: the ciphertext to send to the private-key
 * holder and the shared secret to keep. <b>Warning:</b> the shared secret is key material: derive
 * keys from it with HKDF and {@link #destroy()} this object when done. Not thread-safe.
 */
public final class KemEncapsulation implements Destroyable {
  private final byte[] sharedSecret;
  private final byte[] ciphertext;
  private boolean destroyed;

  KemEncapsulation(byte[] sharedSecret, byte[] ciphertext) {
    this.sharedSecret = sharedSecret;
    this.ciphertext = ciphertext;
  }

  /** A copy of the 32-byte shared secret. */
  public byte[] sharedSecret() {
    if (destroyed) {
      throw new IllegalStateException("encapsulation was destroyed");
    }
    return sharedSecret.clone();
  }

  /** A copy of the ciphertext (public). */
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** Zeroes the shared secret. */
  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(sharedSecret, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "KemEncapsulation[" + ciphertext.length + "-byte ciphertext]";
  }
}
