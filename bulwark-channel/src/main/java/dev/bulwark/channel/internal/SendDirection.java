package dev.bulwark.channel.internal;

import dev.bulwark.channel.ChannelException;
import dev.bulwark.channel.ChannelSuite;
import dev.bulwark.channel.RekeyPolicy;
import java.util.function.LongSupplier;

/**
 * The sending half of a session: counter nonces, and a ratchet after N records, T time or B bytes
 * (docs/channel-protocol.md §3). Not thread-safe: the session's send lock guards it.
 */
public final class SendDirection {
  static final long MAX_EPOCH = 0xFFFF_FFFFL;
  private final ChannelSuite suite;
  private final RekeyPolicy policy;
  private final LongSupplier nanoClock;
  private RecordCipher cipher;
  private long epoch;
  private long counter;
  private long bytes;
  private long epochStartNanos;

  SendDirection(ChannelSuite suite, byte[] key, RekeyPolicy policy, LongSupplier nanoClock) {
    this.suite = suite;
    this.policy = policy;
    this.nanoClock = nanoClock;
    this.cipher = new RecordCipher(suite, key);
    this.epochStartNanos = nanoClock.getAsLong();
  }

  public long epoch() {
    return epoch;
  }

  /** Seals one record; the returned array is the whole record, header included. */
  public byte[] seal(int streamId, int type, byte[] payload, int offset, int length) throws ChannelException {
    if (length > RecordHeader.MAX_PLAINTEXT_BYTES) {
      throw new IllegalArgumentException("record plaintext over 16384 bytes");
    }
    long now = nanoClock.getAsLong();
    if (counter >= policy.afterRecords()
        || bytes + length > policy.afterBytes()
        || now - epochStartNanos >= policy.after().toNanos()) {
      ratchet(now);
    }
    int ciphertextLength = length + RecordCipher.TAG_BYTES;
    byte[] out = new byte[RecordHeader.BYTES + ciphertextLength];
    RecordHeader.write(out, ciphertextLength, epoch, streamId, type);
    byte[] nonce = RecordHeader.nonce(epoch, counter);
    // Counted before sealing: a nonce is never reused, even if sealing throws halfway.
    counter++;
    bytes += length;
    cipher.seal(nonce, payload, offset, length, out);
    return out;
  }

  private void ratchet(long now) throws ChannelException {
    if (epoch >= MAX_EPOCH) {
      throw new ChannelException("session exhausted: no epochs left, reconnect");
    }
    byte[] next = KeySchedule.next(cipher.key());
    cipher.destroy();
    cipher = new RecordCipher(suite, next);
    epoch++;
    counter = 0;
    bytes = 0;
    epochStartNanos = now;
  }

  public void destroy() {
    cipher.destroy();
  }
}
