package dev.bulwark.crypto.streaming.internal;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.aead.internal.AeadEngine;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads the header, then one sealed segment at a time (plus one byte of look-ahead to know whether
 * it is the last), and releases a segment's plaintext only after it authenticated. The first failure
 * is final: every later read throws the same error. Memory: two segments. Not thread-safe.
 */
final class DecryptingInputStream extends InputStream {
  private final InputStream source;
  private final KeyResolver keys;
  private final byte[] associatedData;
  private StreamHeader header;
  private AeadEngine engine;
  private byte[] sealed;
  private byte[] plain;
  private int plainPos;
  private int plainLen;
  private int carried = -1;
  private long segmentIndex;
  private boolean finished;
  private IOException failure;

  DecryptingInputStream(InputStream source, KeyResolver keys, byte[] associatedData) {
    this.source = Objects.requireNonNull(source, "source");
    this.keys = keys;
    this.associatedData = associatedData.clone();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] out, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, out.length);
    if (failure != null) {
      throw failure;
    }
    if (length == 0) {
      return 0;
    }
    try {
      while (plainPos == plainLen) {
        if (finished) {
          return -1;
        }
        nextSegment();
      }
    } catch (CryptoException e) {
      failure = new IOException("streaming decryption failed: " + e.getMessage(), e);
      release();
      throw failure;
    } catch (IOException e) {
      failure = e;
      release();
      throw e;
    }
    int n = Math.min(length, plainLen - plainPos);
    System.arraycopy(plain, plainPos, out, offset, n);
    plainPos += n;
    return n;
  }

  private void nextSegment() throws IOException, CryptoException {
    if (header == null) {
      readHeader();
    }
    int tag = header.algorithm.tagSizeBytes();
    int filled = 0;
    if (carried >= 0) {
      sealed[filled++] = (byte) carried;
      carried = -1;
    }
    filled += readFully(sealed, filled, sealed.length - filled);
    boolean last;
    if (filled < sealed.length) {
      last = true;
    } else {
      int next = source.read();
      last = next < 0;
      carried = next;
    }
    if (filled < tag) {
      throw new CryptoException("stream truncated: segment " + segmentIndex + " shorter than its tag");
    }
    if (segmentIndex >= (1L << 32)) {
      throw new CryptoException("stream too long: more than 2^32 segments");
    }
    plainLen = engine.open(header.nonce(segmentIndex, last), 0, sealed, 0, filled, new byte[0], plain, 0);
    plainPos = 0;
    segmentIndex++;
    if (last) {
      finished = true;
      engine.destroy();
    }
  }

  private void readHeader() throws IOException, CryptoException {
    byte[] fixed = new byte[StreamHeader.FIXED_BYTES];
    if (readFully(fixed, 0, fixed.length) < fixed.length) {
      throw new CryptoException("stream truncated: shorter than its header");
    }
    int keyId = StreamHeader.parseFixed(fixed);
    int segmentBytes = ((fixed[5] & 0xff) << 24) | ((fixed[6] & 0xff) << 16) | ((fixed[7] & 0xff) << 8) | (fixed[8] & 0xff);
    AeadKey key = keys.usableKey(keyId);
    byte[] rest = new byte[StreamHeader.SALT_BYTES + StreamHeader.prefixBytes(key.algorithm())];
    if (readFully(rest, 0, rest.length) < rest.length) {
      throw new CryptoException("stream truncated: shorter than its header");
    }
    header = new StreamHeader(
        keyId,
        segmentBytes,
        Arrays.copyOf(rest, StreamHeader.SALT_BYTES),
        Arrays.copyOfRange(rest, StreamHeader.SALT_BYTES, rest.length),
        key.algorithm());
    try {
      engine = header.deriveEngine(key, associatedData);
    } catch (IllegalStateException e) {
      throw new CryptoException("the key was destroyed", e);
    }
    sealed = new byte[segmentBytes + key.algorithm().tagSizeBytes()];
    plain = new byte[segmentBytes];
  }

  private int readFully(byte[] buffer, int offset, int length) throws IOException {
    int total = 0;
    while (total < length) {
      int n = source.read(buffer, offset + total, length - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  private void release() {
    if (engine != null) {
      engine.destroy();
    }
    if (plain != null) {
      Arrays.fill(plain, (byte) 0);
    }
    plainPos = 0;
    plainLen = 0;
  }

  @Override
  public void close() throws IOException {
    release();
    source.close();
  }
}
