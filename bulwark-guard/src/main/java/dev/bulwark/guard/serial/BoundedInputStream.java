package dev.bulwark.guard.serial;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serial;

/** Fails a read past a byte budget instead of reading on. Not thread-safe. */
final class BoundedInputStream extends FilterInputStream {
  private final long maxBytes;
  private long readBytes;

  BoundedInputStream(InputStream in, long maxBytes) {
    super(in);
    this.maxBytes = maxBytes;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    count(skipped);
    return skipped;
  }

  @Override
  public void close() {
    // The caller owns the underlying stream.
  }

  private void count(long n) throws LimitExceededException {
    readBytes += n;
    if (readBytes > maxBytes) {
      throw new LimitExceededException();
    }
  }

  /** The budget was exceeded. */
  static final class LimitExceededException extends IOException {
    @Serial private static final long serialVersionUID = 1L;

    LimitExceededException() {
      super("stream byte limit exceeded");
    }
  }
}
