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
    byte[] body = new byte[header.length()];
    HandshakeFrame.readFully(in, body, 0, body.length);
    return new Received(header, receive.open(header, headerBytes, body));
  }

  /**
   * The session's path: the record is made whole in the input's read buffer and opened in place,
   * with no copy into a header and a body array first. Same checks, same failures.
   */
  public static Received read(TimedInput in, ReceiveDirection receive) throws IOException {
    if (!in.isBuffered()) {
      return read((InputStream) in, receive);
    }
    int at = in.require(RecordHeader.BYTES);
    RecordHeader header = RecordHeader.parse(in.buffer(), at);
    int recordBytes = RecordHeader.BYTES + header.length();
    at = in.require(recordBytes);
    byte[] plain = receive.open(header, in.buffer(), at);
    in.consume(recordBytes);
    return new Received(header, plain);
  }
}
