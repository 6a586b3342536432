package dev.bulwark.crypto.fernet;

import dev.bulwark.crypto.CryptoException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Fernet with key rotation (PyCA {@code MultiFernet}): encrypts with the first key, decrypts with
 * any of them, and {@link #rotate} re-encrypts an old token under the first key while keeping its
 * original timestamp, so rotation never extends a token's life.
 *
 * {@snippet :
 * MultiFernet keys = MultiFernet.of(List.of(Fernet.create(newKey), Fernet.create(oldKey)));
 * String fresh = keys.rotate(storedToken);   // then drop oldKey once every token is rotated
 * }
 *
 * <p>The token is decoded once; each key checks the HMAC in constant time and only the key whose
 * HMAC matches decrypts. A token no key authenticates fails with the same generic message as any
 * malformed token. Thread-safe if the underlying {@link Fernet}s are.
 */
public final class MultiFernet {
  private final List<Fernet> fernets;

  private MultiFernet(List<Fernet> fernets) {
    this.fernets = fernets;
  }

  /**
   * @param fernets the keys, newest (the one that encrypts) first
   * @throws IllegalArgumentException if the list is empty
   * @throws NullPointerException if the list or an element is null
   */
  public static MultiFernet of(List<Fernet> fernets) {
    List<Fernet> copy = List.copyOf(fernets);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("MultiFernet needs at least one key");
    }
    return new MultiFernet(copy);
  }

  /** Encrypts under the first key. See {@link Fernet#encrypt}. */
  public String encrypt(byte[] plaintext) {
    return fernets.get(0).encrypt(plaintext);
  }

  /**
   * Decrypts a token made under any of the keys, of any age.
   *
   * @throws CryptoException if the token is malformed, tampered with, or made with none of the keys
   */
  public byte[] decrypt(String token) throws CryptoException {
    byte[] data = FernetCodec.decodeToken(token);
    return authenticator(data).open(data, null);
  }

  /**
   * Decrypts a token made under any of the keys, no older than {@code ttl}. See {@link
   * Fernet#decrypt(String, Duration)}.
   *
   * @throws CryptoException if the token is malformed, tampered with, made with none of the keys,
   *     expired, or from the future
   */
  public byte[] decrypt(String token, Duration ttl) throws CryptoException {
    Fernet.checkTtl(ttl);
    byte[] data = FernetCodec.decodeToken(token);
    return authenticator(data).open(data, ttl);
  }

  /**
   * Re-encrypts a token made under any of the keys under the first key, with a fresh IV and the
   * original timestamp. The token's age is not checked (as in PyCA).
   *
   * @throws CryptoException if the token is malformed, tampered with, or made with none of the keys
   */
  public String rotate(String token) throws CryptoException {
    byte[] data = FernetCodec.decodeToken(token);
    byte[] plaintext = authenticator(data).open(data, null);
    try {
      return fernets.get(0).encryptAt(plaintext, FernetCodec.timestamp(data));
    } finally {
      java.util.Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * The creation time recorded in a token authenticated by any of the keys.
   *
   * @throws CryptoException if the token is malformed, tampered with, or made with none of the keys
   */
  public Instant extractTimestamp(String token) throws CryptoException {
    byte[] data = FernetCodec.decodeToken(token);
    authenticator(data);
    return Fernet.timestampOf(data);
  }

  private Fernet authenticator(byte[] data) throws CryptoException {
    for (Fernet fernet : fernets) {
      if (fernet.authenticates(data)) {
        return fernet;
      }
    }
    throw new CryptoException(FernetCodec.INVALID);
  }

  @Override
  public String toString() {
    return "MultiFernet[" + fernets.size() + " keys, redacted]";
  }
}
