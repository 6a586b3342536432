package dev.bulwark.channel.internal;

import dev.bulwark.channel.ChannelException;
import dev.bulwark.channel.ChannelSuite;

/**
 * The receiving half: accepts the next counter of the current epoch, or counter 0 of the next
 * epoch if and only if the record authenticates under the ratcheted key (docs/channel-protocol.md
 * §3). Everything else is refused. Not thread-safe: the holder of the session's receive role owns it (one thread at a time).
 */
public final class ReceiveDirection {
  private final ChannelSuite suite;
  private RecordCipher cipher;
  private long epoch;
  private long counter;

  ReceiveDirection(ChannelSuite suite, byte[] key) {
    this.suite = suite;
    this.cipher = new RecordCipher(suite, key);
  }

  public long epoch() {
    return epoch;
  }

  /** The counter the next record of this epoch must carry; tests read it back. */
  long nextCounter() {
    return counter;
  }

  /**
   * Opens the record whose header (the associated data) starts at {@code at} of {@code record}
   * and whose {@code header.length()} bytes of ciphertext and tag follow it.
   *
   * @throws ChannelException if the record does not authenticate in sequence
   */
  public byte[] open(RecordHeader header, byte[] record, int at) throws ChannelException {
    byte[] plain = new byte[header.length() - RecordCipher.TAG_BYTES];
    openInto(header, record, at, plain);
    return plain;
  }

  /**
   * Opens like {@link #open} into the start of {@code out} (at least {@code header.length() - 16}
   * long); on failure {@code out} must be dropped unread.
   *
   * @return the plaintext's length
   * @throws ChannelException if the record does not authenticate in sequence
   */
  int openInto(RecordHeader header, byte[] record, int at, byte[] out) throws ChannelException {
    int plainLength = header.length() - RecordCipher.TAG_BYTES;
    if (header.epoch() == epoch) {
      cipher.openInto(RecordHeader.nonce(epoch, counter), record, at, header.length(), out);
      counter++;
      return plainLength;
    }
    if (header.epoch() == epoch + 1 && epoch < SendDirection.MAX_EPOCH) {
      RecordCipher next = new RecordCipher(suite, KeySchedule.next(cipher.key()));
      try {
        next.openInto(RecordHeader.nonce(epoch + 1, 0), record, at, header.length(), out);
      } catch (ChannelException e) {
        next.destroy();
        throw e;
      }
      // Adopted only after it authenticated: a forged header cannot move the ratchet.
      cipher.destroy();
      cipher = next;
      epoch++;
      counter = 1;
      return plainLength;
    }
    throw new ChannelException("record from an unexpected epoch (replayed or reordered)");
  }

  public void destroy() {
    cipher.destroy();
  }
}
