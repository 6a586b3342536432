package dev.bulwark.crypto.envelope;

import dev.bulwark.crypto.CryptoException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The signed-envelope wire format, version 1 (docs/signed-envelopes.md):
 *
 * <pre>
 * envelope = version (0x01) || suite id || mode (0x00 detached, 0x01 attached)
 *            || [attached: payload length (4 bytes, big-endian) || payload]
 *            || signatures (fixed lengths, in suite order: Ed25519 64, ML-DSA-65 3309)
 * signed message (every component) = "bulwark-signed-envelope-v1" || 0x00 || version || suite id
 *            || mode || payload length (8 bytes, big-endian) || payload
 * </pre>
 *
 * Binding the version, suite and mode into what each component signs means a hybrid envelope cut
 * down to one signature, relabelled, or switched between attached and detached no longer verifies.
 */
final class EnvelopeFormat {
  static final byte VERSION = 0x01;
  static final byte DETACHED = 0x00;
  static final byte ATTACHED = 0x01;
  static final int HEADER_BYTES = 3;
  static final int LENGTH_BYTES = 4;
  /** Attached payloads are bounded so a forged length cannot make us allocate without limit. */
  static final int MAX_ATTACHED_PAYLOAD_BYTES = 64 * 1024 * 1024;

  private static final byte[] CONTEXT = "bulwark-signed-envelope-v1".getBytes(StandardCharsets.US_ASCII);

  private EnvelopeFormat() {}

  static byte[] signedMessage(EnvelopeAlgorithm suite, byte mode, byte[] payload) {
    ByteBuffer message = ByteBuffer.allocate(CONTEXT.length + 1 + HEADER_BYTES + Long.BYTES + payload.length);
    message.put(CONTEXT).put((byte) 0).put(VERSION).put(suite.id()).put(mode);
    message.putLong(payload.length).put(payload);
    return message.array();
  }

  /** An envelope split into its parts, not yet verified. */
  record Parsed(EnvelopeAlgorithm suite, byte mode, byte[] payload, byte[][] signatures) {}

  /**
   * Splits {@code envelope}; {@code detachedPayload} is null for attached envelopes.
   *
   * @throws CryptoException if the envelope is malformed, truncated, of another version or suite
   */
  static Parsed parse(byte[] envelope, EnvelopeAlgorithm expected, byte[] detachedPayload) throws CryptoException {
    if (envelope.length < HEADER_BYTES) {
      throw new CryptoException("signed envelope is truncated");
    }
    if (envelope[0] != VERSION) {
      throw new CryptoException("unsupported signed envelope version");
    }
    if (envelope[1] != expected.id()) {
      // Pinned suite: a verifier expecting the hybrid never accepts a single-signature envelope.
      throw new CryptoException("signed envelope suite differs from the verifier's");
    }
    byte mode = envelope[2];
    int offset = HEADER_BYTES;
    byte[] payload;
    if (detachedPayload == null) {
      if (mode != ATTACHED) {
        throw new CryptoException("expected an attached signed envelope");
      }
      if (envelope.length < offset + LENGTH_BYTES) {
        throw new CryptoException("signed envelope is truncated");
      }
      int length = ByteBuffer.wrap(envelope, offset, LENGTH_BYTES).getInt();
      offset += LENGTH_BYTES;
      if (length < 0 || length > MAX_ATTACHED_PAYLOAD_BYTES || length > envelope.length - offset) {
        throw new CryptoException("signed envelope payload length is invalid");
      }
      payload = java.util.Arrays.copyOfRange(envelope, offset, offset + length);
      offset += length;
    } else {
      if (mode != DETACHED) {
        throw new CryptoException("expected a detached signed envelope");
      }
      payload = detachedPayload;
    }
    if (envelope.length - offset != expected.totalSignatureBytes()) {
      throw new CryptoException("signed envelope signatures have the wrong length");
    }
    byte[][] signatures = new byte[expected.components().size()][];
    for (int i = 0; i < signatures.length; i++) {
      int size = EnvelopeAlgorithm.signatureBytes(expected.components().get(i));
      signatures[i] = java.util.Arrays.copyOfRange(envelope, offset, offset + size);
      offset += size;
    }
    return new Parsed(expected, mode, payload, signatures);
  }
}
