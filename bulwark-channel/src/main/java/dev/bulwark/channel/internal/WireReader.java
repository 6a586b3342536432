package dev.bulwark.channel.internal;

import dev.bulwark.channel.ChannelException;

/** A bounds-checked cursor over one received message. Not thread-safe; one per message. */
final class WireReader {
  private final byte[] data;
  private int position;

  WireReader(byte[] data) {
    this.data = data;
  }

  int u8() throws ChannelException {
    need(1);
    return data[position++] & 0xFF;
  }

  int u16() throws ChannelException {
    need(2);
    int v = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
    position += 2;
    return v;
  }

  byte[] bytes(int length) throws ChannelException {
    need(length);
    byte[] out = new byte[length];
    System.arraycopy(data, position, out, 0, length);
    position += length;
    return out;
  }

  int position() {
    return position;
  }

  /** Refuses trailing bytes: a parser that ignores them lets two encodings mean one message. */
  void end() throws ChannelException {
    if (position != data.length) {
      throw new ChannelException("handshake: trailing bytes in message");
    }
  }

  private void need(int length) throws ChannelException {
    if (length < 0 || data.length - position < length) {
      throw new ChannelException("handshake: truncated message");
    }
  }
}
