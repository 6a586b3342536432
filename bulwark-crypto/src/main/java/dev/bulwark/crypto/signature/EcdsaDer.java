package dev.bulwark.crypto.signature;

import java.util.Arrays;
import java.util.Optional;

/**
 * Strict DER for ECDSA P-256 signatures ({@code SEQUENCE { INTEGER r, INTEGER s }}, RFC 3279 §2.2.3).
 * The JDK's decoder tolerates a negative integer (a missing leading zero), which lets the same
 * signature be written two ways (malleability, Wycheproof "ASN encoding of s misses leading 0"); we
 * accept exactly one encoding per signature and hand the JDK the fixed {@code r||s} form.
 */
final class EcdsaDer {
  private static final int COORDINATE_BYTES = 32;

  private EcdsaDer() {}

  /** The 64-byte {@code r||s}, or empty if {@code der} is not the one canonical DER encoding. */
  static Optional<byte[]> toP1363(byte[] der) {
    // Short-form lengths only: the longest P-256 signature has 70 content bytes.
    if (der.length < 8 || der[0] != 0x30 || (der[1] & 0xff) != der.length - 2) {
      return Optional.empty();
    }
    byte[] out = new byte[2 * COORDINATE_BYTES];
    int next = readInteger(der, 2, out, 0);
    if (next < 0) {
      return Optional.empty();
    }
    next = readInteger(der, next, out, COORDINATE_BYTES);
    return next == der.length ? Optional.of(out) : Optional.empty();
  }

  /** Reads one positive, minimal INTEGER of at most 32 value bytes into {@code out}; returns the next offset or -1. */
  private static int readInteger(byte[] der, int offset, byte[] out, int outOffset) {
    if (offset + 2 > der.length || der[offset] != 0x02) {
      return -1;
    }
    int length = der[offset + 1] & 0xff;
    int start = offset + 2;
    if (length == 0 || length > COORDINATE_BYTES + 1 || start + length > der.length) {
      return -1;
    }
    if ((der[start] & 0x80) != 0) {
      return -1; // negative
    }
    if (der[start] == 0 && (length == 1 || (der[start + 1] & 0x80) == 0)) {
      return -1; // zero, or a leading zero that is not needed
    }
    int valueStart = der[start] == 0 ? start + 1 : start;
    int valueLength = start + length - valueStart;
    if (valueLength > COORDINATE_BYTES) {
      return -1;
    }
    Arrays.fill(out, outOffset, outOffset + COORDINATE_BYTES, (byte) 0);
    System.arraycopy(der, valueStart, out, outOffset + COORDINATE_BYTES - valueLength, valueLength);
    return start + length;
  }
}
