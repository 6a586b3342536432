package dev.bulwark.crypto.fernet;

import java.io.Serial;
import java.security.SecureRandom;

/** A "random" source that repeats the given bytes: for reproducing the spec's fixed-IV vectors. */
final class FixedRandom extends SecureRandom {
  @Serial private static final long serialVersionUID = 1L;
  private final byte[] bytes;

  FixedRandom(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  @Override
  public void nextBytes(byte[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes[i % bytes.length];
    }
  }
}
