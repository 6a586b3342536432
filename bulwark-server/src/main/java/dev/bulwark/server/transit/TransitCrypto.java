package dev.bulwark.server.transit;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.Aead;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.kem.KemAlgorithm;
import dev.bulwark.crypto.kem.KemPrivateKey;
import dev.bulwark.crypto.kem.KemPublicKey;
import dev.bulwark.crypto.pke.XWingHybridEncryption;
import dev.bulwark.server.secrets.AssociatedData;
import java.util.Arrays;

/**
 * The cryptography of transit keys, composed from bulwark-crypto only: fresh key material per
 * version, sealing it under the root {@link Aead} bound to (owner, name, version, type), and the
 * per-type encrypt and decrypt. Material arrays handed out are the caller's to zero. Stateless and
 * thread-safe.
 */
final class TransitCrypto {
  private static final String SEAL_LABEL = "bulwark transit key v1";

  private TransitCrypto() {}

  /** New key material: the AEAD key or the X-Wing seed, and the X-Wing public key (else null). */
  record Generated(byte[] material, byte[] publicKey) {}

  static Generated generate(TransitKeyType type) {
    return switch (type) {
      case AES256_GCM, CHACHA20_POLY1305 -> {
        AeadKey key = AeadKey.generate(type.aeadAlgorithm().orElseThrow());
        try {
          yield new Generated(key.insecureExportBytes(), null);
        } finally {
          key.destroy();
        }
      }
      case X_WING -> {
        KemPrivateKey key = KemPrivateKey.generate(KemAlgorithm.X_WING);
        try {
          yield new Generated(key.insecureExportSeed(), key.publicKey().exportRaw());
        } finally {
          key.destroy();
        }
      }
    };
  }

  static byte[] seal(Aead root, String owner, String name, int version, TransitKeyType type, byte[] material)
      throws CryptoException {
    return root.encrypt(material, associatedData(owner, name, version, type));
  }

  static byte[] unseal(Aead root, String owner, String name, int version, TransitKeyType type, byte[] sealed)
      throws CryptoException {
    return root.decrypt(sealed, associatedData(owner, name, version, type));
  }

  /** Encrypts; X-Wing needs only {@code publicKey}, the AEAD types only {@code material}. */
  static byte[] encrypt(TransitKeyType type, byte[] material, byte[] publicKey, byte[] plaintext, byte[] context)
      throws CryptoException {
    return switch (type) {
      case AES256_GCM, CHACHA20_POLY1305 -> {
        AeadKey key = aeadKey(type, material);
        try {
          yield key.aead().encrypt(plaintext, context);
        } finally {
          key.destroy();
        }
      }
      case X_WING -> XWingHybridEncryption.encrypter(KemPublicKey.fromRaw(KemAlgorithm.X_WING, publicKey))
          .encrypt(plaintext, context);
    };
  }

  /**
   * Decrypts and authenticates.
   *
   * @throws CryptoException if the ciphertext is truncated, tampered, made under another key or the
   *     context differs
   */
  static byte[] decrypt(TransitKeyType type, byte[] material, byte[] ciphertext, byte[] context) throws CryptoException {
    return switch (type) {
      case AES256_GCM, CHACHA20_POLY1305 -> {
        AeadKey key = aeadKey(type, material);
        try {
          yield key.aead().decrypt(ciphertext, context);
        } finally {
          key.destroy();
        }
      }
      case X_WING -> {
        KemPrivateKey key = KemPrivateKey.fromSeed(KemAlgorithm.X_WING, material);
        try {
          yield XWingHybridEncryption.decrypter(key).decrypt(ciphertext, context);
        } finally {
          key.destroy();
        }
      }
    };
  }

  private static AeadKey aeadKey(TransitKeyType type, byte[] material) {
    AeadAlgorithm algorithm = type.aeadAlgorithm().orElseThrow();
    return AeadKey.insecureFromBytes(algorithm, material);
  }

  private static byte[] associatedData(String owner, String name, int version, TransitKeyType type) {
    return AssociatedData.of(SEAL_LABEL, owner, name, Integer.toString(version), type.wireName());
  }

  static void wipe(byte[] bytes) {
    if (bytes != null) {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
