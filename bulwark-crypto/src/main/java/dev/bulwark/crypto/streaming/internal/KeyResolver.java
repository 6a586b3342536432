package dev.bulwark.crypto.streaming.internal;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadKey;

/** Where a streaming AEAD finds its keys: the keyset's primary, and any usable key by id. */
public interface KeyResolver {
  /** The id of the key new streams are encrypted under. */
  int primaryKeyId();

  /**
   * The key named by a stream header.
   *
   * @throws CryptoException if there is no such key, or it is disabled or destroyed
   */
  AeadKey usableKey(int keyId) throws CryptoException;
}
