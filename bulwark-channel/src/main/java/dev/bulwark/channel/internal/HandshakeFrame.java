package dev.bulwark.channel.internal;

import dev.bulwark.channel.ChannelException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The handshake framing: {@code type (1) || length (3) || body} (docs/channel-protocol.md §1).
 * Stateless.
 */
public final class HandshakeFrame {
  public static final int CLIENT_HELLO = 0x01;
  public static final int SERVER_HELLO = 0x02;
  public static final int HEADER_BYTES = 4;
  /** No v1 handshake message is larger; a bigger length is refused before anything is buffered. */
  public static final int MAX_BODY_BYTES = 8192;

  private HandshakeFrame() {}

  static byte[] header(int type, int bodyLength) {
    return new byte[] {(byte) type, (byte) (bodyLength >>> 16), (byte) (bodyLength >>> 8), (byte) bodyLength};
  }

  /**
   * Reads one whole frame (header included) of the expected type.
   *
   * @throws ChannelException for another type, an oversized length or a short read
   */
  static byte[] read(InputStream in, int expectedType) throws IOException {
    byte[] header = new byte[HEADER_BYTES];
    readFully(in, header, 0, HEADER_BYTES);
    if ((header[0] & 0xFF) != expectedType) {
      throw new ChannelException("handshake: unexpected message type");
    }
    int length = ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
    if (length > MAX_BODY_BYTES) {
      throw new ChannelException("handshake: message too large");
    }
    byte[] frame = new byte[HEADER_BYTES + length];
    System.arraycopy(header, 0, frame, 0, HEADER_BYTES);
    readFully(in, frame, HEADER_BYTES, length);
    return frame;
  }

  /** The body of a frame whose header was already checked. */
  static byte[] body(byte[] frame) {
    byte[] body = new byte[frame.length - HEADER_BYTES];
    System.arraycopy(frame, HEADER_BYTES, body, 0, body.length);
    return body;
  }

  /** Checks a frame given as bytes (the fuzz targets and tests use it). */
  static byte[] check(byte[] frame, int expectedType) throws ChannelException {
    if (frame.length < HEADER_BYTES || (frame[0] & 0xFF) != expectedType) {
      throw new ChannelException("handshake: unexpected message type");
    }
    int length = ((frame[1] & 0xFF) << 16) | ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
    if (length > MAX_BODY_BYTES || length != frame.length - HEADER_BYTES) {
      throw new ChannelException("handshake: bad message length");
    }
    return body(frame);
  }

  static void readFully(InputStream in, byte[] buffer, int offset, int length) throws IOException {
    int done = 0;
    while (done < length) {
      int n = in.read(buffer, offset + done, length - done);
      if (n < 0) {
        throw new ChannelException("connection closed mid-message");
      }
      done += n;
    }
  }
}
