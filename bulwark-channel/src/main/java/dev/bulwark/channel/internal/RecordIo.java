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
}
