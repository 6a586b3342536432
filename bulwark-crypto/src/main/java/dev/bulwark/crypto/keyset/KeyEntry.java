package dev.bulwark.crypto.keyset;

import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import java.util.Objects;

/** One key of a keyset: its id, state and (unless destroyed) its material. */
record KeyEntry(int id, AeadAlgorithm algorithm, KeyStatus status, AeadKey key) {
  KeyEntry {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(status, "status");
    if ((status == KeyStatus.DESTROYED) != (key == null)) {
      throw new IllegalArgumentException("a key has material unless, and only unless, it is destroyed");
    }
    if (key != null && key.algorithm() != algorithm) {
      throw new IllegalArgumentException("key algorithm mismatch");
    }
  }

  KeyEntry withStatus(KeyStatus newStatus) {
    return new KeyEntry(id, algorithm, newStatus, newStatus == KeyStatus.DESTROYED ? null : key);
  }

  /** Zeroes the material, if any (used when a half-loaded keyset is rejected). */
  void destroyMaterial() {
    if (key != null) {
      key.destroy();
    }
  }

  @Override
  public String toString() {
    return "KeyEntry[" + Integer.toUnsignedString(id) + ", " + algorithm + ", " + status + "]";
  }
}
