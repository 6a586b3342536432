package dev.bulwark.crypto.keyset;

import dev.bulwark.crypto.aead.AeadAlgorithm;

/**
 * Named key templates for {@link Keyset#generate} and {@link Keyset#rotate}. A preset's meaning
 * never changes; a better default will be a new constant.
 */
public enum KeysetPreset {
  /** AES-256-GCM, 96-bit random nonces, at most 2^32 messages per key: the default. */
  AES256_GCM(AeadAlgorithm.AES256_GCM),
  /** ChaCha20-Poly1305, 96-bit random nonces, at most 2^32 messages per key. */
  CHACHA20_POLY1305(AeadAlgorithm.CHACHA20_POLY1305),
  /** XChaCha20-Poly1305, 192-bit random nonces, no practical message limit. */
  XCHACHA20_POLY1305(AeadAlgorithm.XCHACHA20_POLY1305);

  /** The default preset. */
  public static final KeysetPreset DEFAULT = AES256_GCM;

  private final AeadAlgorithm algorithm;

  KeysetPreset(AeadAlgorithm algorithm) {
    this.algorithm = algorithm;
  }

  /** The AEAD algorithm of keys made from this preset. */
  public AeadAlgorithm algorithm() {
    return algorithm;
  }

  /** The preset that makes keys of {@code algorithm}. */
  public static KeysetPreset of(AeadAlgorithm algorithm) {
    return switch (algorithm) {
      case AES256_GCM -> AES256_GCM;
      case CHACHA20_POLY1305 -> CHACHA20_POLY1305;
      case XCHACHA20_POLY1305 -> XCHACHA20_POLY1305;
    };
  }
}
