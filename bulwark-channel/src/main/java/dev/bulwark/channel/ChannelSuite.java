package dev.bulwark.channel;

import dev.bulwark.crypto.aead.AeadAlgorithm;

/**
 * The record protection suites of protocol v1 (docs/channel-protocol.md §1). The key exchange
 * (X25519 + ML-KEM-768), the KDF (HKDF-SHA256) and the identity signature are fixed in v1; the
 * suite names the record AEAD. Immutable.
 */
public enum ChannelSuite {
  /** AES-256-GCM records. */
  AES_256_GCM(0x0001, AeadAlgorithm.AES256_GCM),
  /** ChaCha20-Poly1305 records (faster where AES has no hardware support). */
  CHACHA20_POLY1305(0x0002, AeadAlgorithm.CHACHA20_POLY1305);

  private final int code;
  private final AeadAlgorithm aead;

  ChannelSuite(int code, AeadAlgorithm aead) {
    this.code = code;
    this.aead = aead;
  }

  /** The two-byte wire code. */
  public int code() {
    return code;
  }

  /** The record AEAD. */
  public AeadAlgorithm aead() {
    return aead;
  }

  /** The suite with this wire code, or {@code null} for a code v1 does not know. */
  public static ChannelSuite ofCode(int code) {
    for (ChannelSuite suite : values()) {
      if (suite.code == code) {
        return suite;
      }
    }
    return null;
  }
}
