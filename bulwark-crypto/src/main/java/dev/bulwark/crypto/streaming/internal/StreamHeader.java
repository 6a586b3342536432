package dev.bulwark.crypto.streaming.internal;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.aead.internal.AeadEngine;
import dev.bulwark.crypto.kdf.Hkdf;
import dev.bulwark.crypto.kdf.HkdfAlgorithm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The streaming header and the per-stream key and nonces (docs/streaming-aead.md):
 *
 * <pre>
 * header = 0x01 | key id (4, BE) | plaintext segment size (4, BE) | salt (32) | nonce prefix (n - 5)
 * stream key = HKDF-SHA256(ikm = keyset key, salt = salt,
 *                          info = "bulwark streaming aead v1" | header[0..9) | associated data)
 * nonce(i, last) = nonce prefix | i (4, BE) | (last ? 0x01 : 0x00)       (n = algorithm nonce size)
 * </pre>
 */
final class StreamHeader {
  static final byte VERSION = 0x01;
  static final int FIXED_BYTES = 9;
  static final int SALT_BYTES = 32;
  static final int MIN_SEGMENT_BYTES = 16;
  static final int MAX_SEGMENT_BYTES = 1 << 20;
  private static final byte[] LABEL = "bulwark streaming aead v1".getBytes(StandardCharsets.US_ASCII);

  final int keyId;
  final int segmentBytes;
  final byte[] salt;
  final byte[] noncePrefix;
  final AeadAlgorithm algorithm;

  StreamHeader(int keyId, int segmentBytes, byte[] salt, byte[] noncePrefix, AeadAlgorithm algorithm) {
    this.keyId = keyId;
    this.segmentBytes = segmentBytes;
    this.salt = salt;
    this.noncePrefix = noncePrefix;
    this.algorithm = algorithm;
  }

  static int prefixBytes(AeadAlgorithm algorithm) {
    return algorithm.nonceSizeBytes() - 5;
  }

  int length() {
    return FIXED_BYTES + SALT_BYTES + noncePrefix.length;
  }

  byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(length());
    out.put(VERSION).putInt(keyId).putInt(segmentBytes).put(salt).put(noncePrefix);
    return out.array();
  }

  /** Checks the fixed part: version and segment size; returns the key id. */
  static int parseFixed(byte[] fixed) throws CryptoException {
    if (fixed[0] != VERSION) {
      throw new CryptoException("unknown streaming ciphertext version 0x" + String.format("%02x", fixed[0] & 0xff));
    }
    int segment = ByteBuffer.wrap(fixed, 5, 4).getInt();
    if (segment < MIN_SEGMENT_BYTES || segment > MAX_SEGMENT_BYTES) {
      throw new CryptoException("streaming header declares an unsupported segment size");
    }
    return ByteBuffer.wrap(fixed, 1, 4).getInt();
  }

  /** Derives this stream's key from the keyset key; the caller destroys the engine when done. */
  AeadEngine deriveEngine(AeadKey key, byte[] associatedData) {
    byte[] fixed = Arrays.copyOf(encode(), FIXED_BYTES);
    byte[] info = new byte[LABEL.length + FIXED_BYTES + associatedData.length];
    System.arraycopy(LABEL, 0, info, 0, LABEL.length);
    System.arraycopy(fixed, 0, info, LABEL.length, FIXED_BYTES);
    System.arraycopy(associatedData, 0, info, LABEL.length + FIXED_BYTES, associatedData.length);
    byte[] ikm = key.insecureExportBytes();
    byte[] streamKey = Hkdf.derive(HkdfAlgorithm.HKDF_SHA256, ikm, salt, info, algorithm.keySizeBytes());
    try {
      return AeadEngine.create(algorithm, streamKey);
    } finally {
      Arrays.fill(ikm, (byte) 0);
      Arrays.fill(streamKey, (byte) 0);
    }
  }

  byte[] nonce(long segmentIndex, boolean last) {
    byte[] nonce = Arrays.copyOf(noncePrefix, algorithm.nonceSizeBytes());
    int at = noncePrefix.length;
    nonce[at] = (byte) (segmentIndex >>> 24);
    nonce[at + 1] = (byte) (segmentIndex >>> 16);
    nonce[at + 2] = (byte) (segmentIndex >>> 8);
    nonce[at + 3] = (byte) segmentIndex;
    nonce[at + 4] = (byte) (last ? 1 : 0);
    return nonce;
  }
}
