package dev.bulwark.server.transit;

import dev.bulwark.crypto.aead.AeadAlgorithm;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of transit key. A closed set: the wire name is the only thing a client chooses, and it
 * maps to one fixed bulwark-crypto construction.
 */
public enum TransitKeyType {
  /** AES-256-GCM with random 96-bit nonces (bulwark-crypto {@link AeadAlgorithm#AES256_GCM}). */
  AES256_GCM("aes256-gcm"),
  /** ChaCha20-Poly1305 with random 96-bit nonces ({@link AeadAlgorithm#CHACHA20_POLY1305}). */
  CHACHA20_POLY1305("chacha20-poly1305"),
  /**
   * X-Wing hybrid public-key encryption (ML-KEM-768 + X25519, then HKDF-SHA256 and AES-256-GCM) via
   * {@code XWingHybridEncryption}: anyone with the public key can encrypt offline; only the
   * service decrypts.
   */
  X_WING("x-wing");

  private final String wireName;

  TransitKeyType(String wireName) {
    this.wireName = wireName;
  }

  /** The name in requests and responses. */
  public String wireName() {
    return wireName;
  }

  /** The type with this wire name (exact match). */
  public static Optional<TransitKeyType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }

  /** The symmetric algorithm, for the two AEAD types. */
  Optional<AeadAlgorithm> aeadAlgorithm() {
    return switch (this) {
      case AES256_GCM -> Optional.of(AeadAlgorithm.AES256_GCM);
      case CHACHA20_POLY1305 -> Optional.of(AeadAlgorithm.CHACHA20_POLY1305);
      case X_WING -> Optional.empty();
    };
  }
}
