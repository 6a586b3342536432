package dev.bulwark.crypto.kem;

/**
 * Key encapsulation mechanisms. Each key is pinned to one.
 *
 * <ul>
 *   <li>{@link #ML_KEM_768}: FIPS 203 ML-KEM-768 (post-quantum) through the JDK's {@code SunJCE}
 *       provider. Encapsulation key 1184 bytes, ciphertext 1088, shared secret 32; private key seed
 *       64 bytes ({@code d||z}).
 *   <li>{@link #X_WING}: the X-Wing hybrid (draft-connolly-cfrg-xwing-kem): ML-KEM-768 and X25519
 *       combined with SHA3-256, secure if either component is. Encapsulation key 1216 bytes,
 *       ciphertext 1120, shared secret 32, private key a 32-byte seed. The default for new designs.
 * </ul>
 */
public enum KemAlgorithm {
  ML_KEM_768(1184, 1088, 64),
  X_WING(1216, 1120, 32);

  private final int publicKeyBytes;
  private final int ciphertextBytes;
  private final int seedBytes;

  KemAlgorithm(int publicKeyBytes, int ciphertextBytes, int seedBytes) {
    this.publicKeyBytes = publicKeyBytes;
    this.ciphertextBytes = ciphertextBytes;
    this.seedBytes = seedBytes;
  }

  /** Length of the raw encapsulation (public) key. */
  public int publicKeyBytes() {
    return publicKeyBytes;
  }

  /** Length of a ciphertext. */
  public int ciphertextBytes() {
    return ciphertextBytes;
  }

  /** Length of the private key seed. */
  public int seedBytes() {
    return seedBytes;
  }

  /** Length of the shared secret (32 for both). */
  public int sharedSecretBytes() {
    return 32;
  }
}
