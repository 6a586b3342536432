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
   * The session's path ({@link Session#runReader}, {@link Session#help}): opens the record whose
   * header (already parsed) is at {@code at} of {@code bytes}, a session's read buffer, with its body
   * right after it: in place, with no copy into a header and a body
   * array first; large DATA plaintext goes into a pooled buffer instead of a fresh array. On a
   * failure the pooled buffer is dropped, never given back.
   *
   * @throws dev.bulwark.channel.ChannelException if the record does not authenticate in sequence
   */
  static Opened open(RecordHeader header, byte[] bytes, int at, ReceiveDirection receive) throws IOException {
    int plainLength = header.length() - RecordCipher.TAG_BYTES;
    boolean pooled = header.type() == RecordHeader.DATA && plainLength >= BufferPool.MIN_POOLED_PLAINTEXT;
    byte[] plain = pooled ? BufferPool.OPENED.take() : new byte[plainLength];
    receive.openInto(header, bytes, at, plain, 0);
    return new Opened(header, plain, plainLength, pooled);
  }
}
