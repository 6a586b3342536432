package dev.bulwark.crypto.streaming.internal;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.aead.internal.AeadEngine;
import dev.bulwark.crypto.streaming.StreamingAead;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The segmented streaming AEAD in the shape of Tink's AES-GCM-HKDF streaming, over any keyset AEAD
 * algorithm (format: {@link StreamHeader}, docs/streaming-aead.md). Thread-safe.
 */
public final class SegmentedStreamingAead implements StreamingAead {
  /** The default plaintext segment size: 64 KiB. */
  public static final int DEFAULT_SEGMENT_BYTES = 64 * 1024;

  private final KeyResolver keys;
  private final int segmentBytes;
  private final Supplier<SecureRandom> random;

  /**
   * @param keys the keyset's keys
   * @param segmentBytes plaintext bytes per segment, 16 B to 1 MiB
   * @param random salt and nonce-prefix source, e.g. {@code DefaultRandom::get}
   */
  public SegmentedStreamingAead(KeyResolver keys, int segmentBytes, Supplier<SecureRandom> random) {
    if (segmentBytes < StreamHeader.MIN_SEGMENT_BYTES || segmentBytes > StreamHeader.MAX_SEGMENT_BYTES) {
      throw new IllegalArgumentException("segment size must be 16 B to 1 MiB");
    }
    this.keys = Objects.requireNonNull(keys, "keys");
    this.segmentBytes = segmentBytes;
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public OutputStream newEncryptingStream(OutputStream ciphertextSink, byte[] associatedData)
      throws IOException, CryptoException {
    Objects.requireNonNull(ciphertextSink, "ciphertextSink");
    Objects.requireNonNull(associatedData, "associatedData");
    int keyId = keys.primaryKeyId();
    AeadKey key = keys.usableKey(keyId);
    SecureRandom source = random.get();
    byte[] salt = new byte[StreamHeader.SALT_BYTES];
    source.nextBytes(salt);
    byte[] prefix = new byte[StreamHeader.prefixBytes(key.algorithm())];
    source.nextBytes(prefix);
    StreamHeader header = new StreamHeader(keyId, segmentBytes, salt, prefix, key.algorithm());
    AeadEngine engine;
    try {
      engine = header.deriveEngine(key, associatedData);
    } catch (IllegalStateException e) {
      throw new CryptoException("the key was destroyed", e);
    }
    return new EncryptingOutputStream(ciphertextSink, header, engine);
  }

  @Override
  public InputStream newDecryptingStream(InputStream ciphertextSource, byte[] associatedData) {
    Objects.requireNonNull(associatedData, "associatedData");
    return new DecryptingInputStream(ciphertextSource, keys, associatedData);
  }
}
