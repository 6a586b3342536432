package dev.bulwark.crypto.kem;

import java.security.SecureRandom;

/** Test randomness that replays given bytes in order (encapsulation randomness of a vector). */
final class ReplayRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;
  private final byte[] bytes;
  private int offset;

  ReplayRandom(byte[] bytes) {
    super(new byte[0]);
    this.bytes = bytes.clone();
  }

  @Override
  public synchronized void nextBytes(byte[] out) {
    if (out.length > bytes.length - offset) {
      throw new IllegalStateException("vector randomness exhausted");
    }
    System.arraycopy(bytes, offset, out, 0, out.length);
    offset += out.length;
  }
}
