package dev.bulwark.channel.internal;

import java.io.IOException;
import java.io.InputStream;

/** Reads one sealed record off a stream and opens it. Stateless. */
public final class RecordIo {
  /**
   * One opened record.
   *
   * @param payload the authenticated plaintext
   */
  public record Received(RecordHeader header, byte[] payload) {}

  private RecordIo() {}

  /**
   * Reads the header, checks its bounds, reads exactly the body and opens it.
   *
   * @throws dev.bulwark.channel.ChannelException if the record is malformed or does not authenticate
   */
  public static Received read(InputStream in, ReceiveDirection receive) throws IOException {
    byte[] headerBytes = new byte[RecordHeader.BYTES];
    HandshakeFrame.readFully(in, headerBytes, 0, RecordHeader.BYTES);
    RecordHeader header = RecordHeader.parse(headerBytes);
    // The whole record in one array, as the cipher reads it (header = associated data, then body).
    byte[] record = new byte[RecordHeader.BYTES + header.length()];
    System.arraycopy(headerBytes, 0, record, 0, RecordHeader.BYTES);
    HandshakeFrame.readFully(in, record, RecordHeader.BYTES, header.length());
    return new Received(header, receive.open(header, record, 0));
  }

  /**
   * One record opened on the session's path: the first {@code length} bytes of {@code plaintext}.
   *
   * @param pooled whether {@code plaintext} came from {@link BufferPool#OPENED}; whoever consumes it
   *     gives it back
   */
  record Opened(RecordHeader header, byte[] plaintext, int length, boolean pooled) {}

  /**
   * The session's path: the record is made whole in the input's read buffer and opened in place,
   * with no copy into a header and a body array first; large DATA plaintext goes into a pooled
   * buffer instead of a fresh array. Same checks, same failures; on a failure the pooled buffer is
   * dropped, never given back.
   */
  static Opened readBuffered(TimedInput in, ReceiveDirection receive) throws IOException {
    if (!in.isBuffered()) {
      Received r = read((InputStream) in, receive);
      return new Opened(r.header(), r.payload(), r.payload().length, false);
    }
    int at = in.require(RecordHeader.BYTES);
    RecordHeader header = RecordHeader.parse(in.buffer(), at);
    int recordBytes = RecordHeader.BYTES + header.length();
    at = in.require(recordBytes);
    int plainLength = header.length() - RecordCipher.TAG_BYTES;
    boolean pooled = header.type() == RecordHeader.DATA && plainLength >= BufferPool.MIN_POOLED_PLAINTEXT;
    byte[] plain = pooled ? BufferPool.OPENED.take() : new byte[plainLength];
    receive.openInto(header, in.buffer(), at, plain);
    in.consume(recordBytes);
    return new Opened(header, plain, plainLength, pooled);
  }
}
