package dev.bulwark.crypto.keyset;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.Aead;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.aead.BufferAead;
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
 * <p>As a {@link BufferAead} it also encrypts into and decrypts into a caller's buffer, with the same
 * bytes and the same checks. {@link #ciphertextLength} is exact (the primary key's algorithm);
 * {@link #plaintextLength} is exact when every key has a 12-byte nonce and otherwise an upper bound,
 * because the key a ciphertext names (and so its nonce size) is only known from its header: the
 * {@code decrypt} call returns the exact length.
 *
 * <p>Bound to the keyset value it was made from (keysets are immutable). Thread-safe.
 */
public final class KeysetAead implements BufferAead {
  /** The version byte of the ciphertext format. */
  public static final byte VERSION = 0x01;

  /** Length of the header: version byte and key id. */
  public static final int HEADER_BYTES = 5;

  // The least any algorithm adds after the header (a 12-byte nonce and a 16-byte tag).
  private static final int MIN_OVERHEAD = minOverhead();

  private final Keyset keyset;
  private final SecureRandom nonceSource;

  KeysetAead(Keyset keyset, SecureRandom nonceSource) {
    this.keyset = Objects.requireNonNull(keyset, "keyset");
    this.nonceSource = nonceSource;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws CryptoException {
    KeyEntry primary = keyset.entry(keyset.primaryKeyId());
    return aeadOf(primary.key()).encryptWithPrefix(header(primary.id()), plaintext, associatedData);
  }

  @Override
  public int encrypt(byte[] plaintext, byte[] associatedData, byte[] out, int offset) throws CryptoException {
    KeyEntry primary = keyset.entry(keyset.primaryKeyId());
    return aeadOf(primary.key()).encryptWithPrefix(header(primary.id()), plaintext, associatedData, out, offset);
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws CryptoException {
    Objects.requireNonNull(associatedData, "associatedData");
    return keyOf(ciphertext).decryptAt(ciphertext, HEADER_BYTES, associatedData);
  }

  @Override
  public int decrypt(byte[] ciphertext, byte[] associatedData, byte[] out, int offset) throws CryptoException {
    Objects.requireNonNull(associatedData, "associatedData");
    Objects.requireNonNull(out, "out");
    return keyOf(ciphertext).decryptAt(ciphertext, HEADER_BYTES, associatedData, out, offset);
  }

  /** Exact: the header plus the primary key's nonce and tag. */
  @Override
  public int ciphertextLength(int plaintextLength) {
    long total = HEADER_BYTES + (long) aeadOf(keyset.entry(keyset.primaryKeyId()).key()).ciphertextLength(plaintextLength);
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("plaintext too large for one message: use streaming AEAD");
    }
    return (int) total;
  }

  /** At most this many bytes (see the class comment): the header and a 12-byte nonce and a tag off. */
  @Override
  public int plaintextLength(int ciphertextLength) throws CryptoException {
    if (ciphertextLength < HEADER_BYTES + MIN_OVERHEAD) {
      throw new CryptoException("keyset ciphertext too short: shorter than header, nonce and tag");
    }
    return ciphertextLength - HEADER_BYTES - MIN_OVERHEAD;
  }

  private static byte[] header(int id) {
    return new byte[] {VERSION, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
  }

  private static int minOverhead() {
    int min = Integer.MAX_VALUE;
    for (AeadAlgorithm algorithm : AeadAlgorithm.values()) {
      min = Math.min(min, algorithm.overheadBytes());
    }
    return min;
  }

  /** Parses the header and returns the named key's AEAD, or refuses (see the class comment). */
  private RandomNonceAead keyOf(byte[] ciphertext) throws CryptoException {
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (ciphertext.length < HEADER_BYTES) {
      throw new CryptoException("keyset ciphertext truncated: shorter than its 5-byte header");
    }
    if (ciphertext[0] != VERSION) {
      throw new CryptoException(
          "unknown keyset ciphertext version 0x" + String.format("%02x", ciphertext[0] & 0xff));
    }
    int id = ((ciphertext[1] & 0xff) << 24) | ((ciphertext[2] & 0xff) << 16)
        | ((ciphertext[3] & 0xff) << 8) | (ciphertext[4] & 0xff);
    return aeadOf(usableKey(keyset, id));
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
