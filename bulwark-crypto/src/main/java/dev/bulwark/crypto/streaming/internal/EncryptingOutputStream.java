package dev.bulwark.crypto.streaming.internal;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.internal.AeadEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Buffers one plaintext segment and seals it once the next byte shows it is not the last; {@code
 * close()} seals what remains (possibly nothing) as the last segment. Memory: two segments. Not
 * thread-safe.
 */
final class EncryptingOutputStream extends OutputStream {
  private static final long MAX_SEGMENTS = 1L << 32;

  private final OutputStream sink;
  private final StreamHeader header;
  private final AeadEngine engine;
  private final byte[] buffer;
  private final byte[] sealed;
  private int buffered;
  private long segmentIndex;
  private boolean closed;

  EncryptingOutputStream(OutputStream sink, StreamHeader header, AeadEngine engine) throws IOException {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.header = header;
    this.engine = engine;
    this.buffer = new byte[header.segmentBytes];
    this.sealed = new byte[header.segmentBytes + header.algorithm.tagSizeBytes()];
    sink.write(header.encode());
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] data, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, data.length);
    if (closed) {
      throw new IOException("stream closed");
    }
    while (length > 0) {
      if (buffered == buffer.length) {
        // More data follows, so the full buffer is not the last segment.
        sealSegment(false);
      }
      int n = Math.min(length, buffer.length - buffered);
      System.arraycopy(data, offset, buffer, buffered, n);
      buffered += n;
      offset += n;
      length -= n;
    }
  }

  private void sealSegment(boolean last) throws IOException {
    if (segmentIndex >= MAX_SEGMENTS) {
      throw new IOException("stream too long: more than 2^32 segments");
    }
    try {
      engine.seal(header.nonce(segmentIndex, last), 0, buffer, 0, buffered, new byte[0], sealed, 0);
    } catch (CryptoException e) {
      throw new IOException("segment encryption failed", e);
    }
    sink.write(sealed, 0, buffered + header.algorithm.tagSizeBytes());
    segmentIndex++;
    buffered = 0;
  }

  @Override
  public void flush() throws IOException {
    // Segments are written as soon as they are known not to be last; a partial one cannot be.
    sink.flush();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      sealSegment(true);
      sink.close();
    } finally {
      engine.destroy();
      Arrays.fill(buffer, (byte) 0);
    }
  }
}
