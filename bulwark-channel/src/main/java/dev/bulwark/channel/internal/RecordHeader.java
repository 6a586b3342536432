package dev.bulwark.channel.internal;

import dev.bulwark.channel.ChannelException;

/**
 * The 11-byte record header {@code length (2) || epoch (4) || stream id (4) || type (1)}
 * (docs/channel-protocol.md §2), authenticated as the AEAD's associated data. Immutable.
 *
 * @param length bytes of ciphertext and tag that follow
 * @param epoch the sender's key epoch, 0..2^32 − 1
 * @param streamId the stream, 0 for session records
 * @param type the record type
 */
public record RecordHeader(int length, long epoch, int streamId, int type) {
  public static final int BYTES = 11;
  public static final int MAX_PLAINTEXT_BYTES = 16384;
  public static final int MAX_LENGTH = MAX_PLAINTEXT_BYTES + RecordCipher.TAG_BYTES;

  public static final int FINISHED = 0x01;
  public static final int DATA = 0x02;
  public static final int WINDOW = 0x03;
  public static final int FIN = 0x04;
  public static final int RESET = 0x05;
  public static final int CLOSE = 0x06;
  public static final int OPEN = 0x07;

  /**
   * Parses and bounds-checks a header before its body is read, so a peer cannot make us buffer
   * more than one maximal record.
   *
   * @throws ChannelException for an out-of-range length or an unknown type
   */
  public static RecordHeader parse(byte[] header) throws ChannelException {
    if (header.length != BYTES) {
      throw new ChannelException("record: truncated header");
    }
    return parse(header, 0);
  }

  /** The unchecked length field of the header at {@code at} of {@code b} (its first two bytes). */
  static int lengthAt(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  /** Parses the {@link #BYTES} header bytes at {@code at} of {@code b}; the same checks. */
  static RecordHeader parse(byte[] b, int at) throws ChannelException {
    int length = lengthAt(b, at);
    long epoch = ((b[at + 2] & 0xFFL) << 24) | ((b[at + 3] & 0xFF) << 16) | ((b[at + 4] & 0xFF) << 8) | (b[at + 5] & 0xFF);
    int stream = ((b[at + 6] & 0xFF) << 24) | ((b[at + 7] & 0xFF) << 16) | ((b[at + 8] & 0xFF) << 8) | (b[at + 9] & 0xFF);
    int type = b[at + 10] & 0xFF;
    if (length < RecordCipher.TAG_BYTES || length > MAX_LENGTH) {
      throw new ChannelException("record: length out of range");
    }
    if (type < FINISHED || type > OPEN) {
      throw new ChannelException("record: unknown type");
    }
    if (stream < 0) {
      throw new ChannelException("record: stream id out of range");
    }
    return new RecordHeader(length, epoch, stream, type);
  }

  static void write(byte[] out, int length, long epoch, int streamId, int type) {
    write(out, 0, length, epoch, streamId, type);
  }

  /** Writes the header at {@code at} of {@code out}. */
  static void write(byte[] out, int at, int length, long epoch, int streamId, int type) {
    out[at] = (byte) (length >>> 8);
    out[at + 1] = (byte) length;
    out[at + 2] = (byte) (epoch >>> 24);
    out[at + 3] = (byte) (epoch >>> 16);
    out[at + 4] = (byte) (epoch >>> 8);
    out[at + 5] = (byte) epoch;
    out[at + 6] = (byte) (streamId >>> 24);
    out[at + 7] = (byte) (streamId >>> 16);
    out[at + 8] = (byte) (streamId >>> 8);
    out[at + 9] = (byte) streamId;
    out[at + 10] = (byte) type;
  }

  static byte[] nonce(long epoch, long counter) {
    byte[] nonce = new byte[RecordCipher.NONCE_BYTES];
    for (int i = 0; i < 4; i++) {
      nonce[i] = (byte) (epoch >>> (24 - 8 * i));
    }
    for (int i = 0; i < 8; i++) {
      nonce[4 + i] = (byte) (counter >>> (56 - 8 * i));
    }
    return nonce;
  }
}
