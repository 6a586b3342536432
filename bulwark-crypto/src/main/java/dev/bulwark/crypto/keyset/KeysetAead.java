package dev.bulwark.crypto.keyset;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.Aead;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.aead.internal.RandomNonceAead;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * {@link Aead} over a {@link Keyset}: encrypts with the primary key, decrypts with the key the
 * ciphertext names. Ciphertext format (DESIGN.md §3):
 *
 * <pre>
 * 0x01 | key id (4 bytes, big-endian) | nonce (12 or 24 bytes) | ciphertext || tag (16 bytes)
 * </pre>
 *
 * <p>The header is not secret and not separately authenticated: changing the key id selects another
 * key (or none), and authentication then fails. Decryption refuses, with a {@link CryptoException}
 * that says which: a truncated header, an unknown version byte, an unknown key id, a disabled or a
 * destroyed key, and anything that does not authenticate.
 *
 * <p>Encryption counts against the primary key's message limit ({@link
 * dev.bulwark.crypto.aead.AeadAlgorithm#maxMessagesPerKey()}); once reached, {@code encrypt} throws
 * and the keyset must be rotated. Watch {@link #primaryEncryptionsRemaining()} to rotate before.
 *
 * <p>Bound to the keyset value it was made from (keysets are immutable). Thread-safe.
 */
public final class KeysetAead implements Aead {
  /** The version byte of the ciphertext format. */
  public static final byte VERSION = 0x01;

  /** Length of the header: version byte and key id. */
  public static final int HEADER_BYTES = 5;

  private final Keyset keyset;
  private final SecureRandom nonceSource;

  KeysetAead(Keyset keyset, SecureRandom nonceSource) {
    this.keyset = Objects.requireNonNull(keyset, "keyset");
    this.nonceSource = nonceSource;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws CryptoException {
    KeyEntry primary = keyset.entry(keyset.primaryKeyId());
    int id = primary.id();
    byte[] header = {VERSION, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    return aeadOf(primary.key()).encryptWithPrefix(header, plaintext, associatedData);
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws CryptoException {
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(associatedData, "associatedData");
    if (ciphertext.length < HEADER_BYTES) {
      throw new CryptoException("keyset ciphertext truncated: shorter than its 5-byte header");
    }
    if (ciphertext[0] != VERSION) {
      throw new CryptoException(
          "unknown keyset ciphertext version 0x" + String.format("%02x", ciphertext[0] & 0xff));
    }
    int id = ((ciphertext[1] & 0xff) << 24) | ((ciphertext[2] & 0xff) << 16)
        | ((ciphertext[3] & 0xff) << 8) | (ciphertext[4] & 0xff);
    return aeadOf(usableKey(keyset, id)).decryptAt(ciphertext, HEADER_BYTES, associatedData);
  }

  /** Encryptions the primary key may still make before {@link #encrypt} refuses. */
  public long primaryEncryptionsRemaining() {
    return keyset.entry(keyset.primaryKeyId()).key().encryptionsRemaining();
  }

  /**
   * The key named {@code id}, if it may decrypt.
   *
   * @throws CryptoException if the id is unknown, or the key is disabled or destroyed
   */
  static AeadKey usableKey(Keyset keyset, int id) throws CryptoException {
    KeyEntry entry = keyset.entry(id);
    if (entry == null) {
      throw new CryptoException("no " + nameOf(id) + " in this keyset: made with another keyset, or modified");
    }
    // The name is built only on the refusal paths: every decryption passes through here.
    return switch (entry.status()) {
      case ENABLED -> entry.key();
      case DISABLED -> throw new CryptoException(nameOf(id) + " is disabled: enable it to decrypt this data");
      case DESTROYED -> throw new CryptoException(nameOf(id) + " was destroyed: this data can no longer be decrypted");
    };
  }

  private static String nameOf(int id) {
    return "key " + Integer.toUnsignedString(id);
  }

  private RandomNonceAead aeadOf(AeadKey key) {
    Aead aead = nonceSource == null ? key.aead() : key.aead(nonceSource);
    if (aead instanceof RandomNonceAead randomNonce) {
      return randomNonce;
    }
    throw new IllegalStateException("AeadKey returned an unexpected Aead implementation");
  }
}
