package dev.bulwark.crypto.keyset;

import dev.bulwark.crypto.aead.AeadAlgorithm;
import java.util.Objects;

/**
 * What a keyset says about one key, without its material: safe to list, log and display.
 *
 * @param keyId the key's id as it appears in ciphertext headers (an unsigned 32-bit value)
 * @param algorithm the key's algorithm
 * @param status enabled, disabled or destroyed
 * @param primary whether new ciphertexts are made with this key
 */
public record KeyInfo(int keyId, AeadAlgorithm algorithm, KeyStatus status, boolean primary) {
  /** Checks the fields are present. */
  public KeyInfo {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(status, "status");
  }

  /** The id as printed everywhere (unsigned decimal). */
  public String keyIdText() {
    return Integer.toUnsignedString(keyId);
  }
}
