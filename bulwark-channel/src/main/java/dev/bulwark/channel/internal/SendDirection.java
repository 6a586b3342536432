package dev.bulwark.channel.internal;

import dev.bulwark.channel.ChannelException;
import dev.bulwark.channel.ChannelSuite;
import dev.bulwark.channel.RekeyPolicy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The sending half of a session: counter nonces, and a ratchet after N records, T time or B bytes
 * (docs/channel-protocol.md §3). Not thread-safe: the session's send lock guards {@link #reserve}
 * and {@link #seal}; a {@link Reserved} record may then be sealed on any thread, outside that lock.
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
    return reserve(streamId, type, length).seal(payload, offset);
  }

  /**
   * Spends the next nonce on one record (ratcheting first if the policy says so) without sealing
   * it yet. The nonce is counted here, so it is never handed out twice whether or not the record is
   * ever sealed; the caller must put the sealed records on the wire in reservation order, or the
   * receiver refuses them.
   *
   * @throws ChannelException if the session has no epochs left
   */
  public Reserved reserve(int streamId, int type, int length) throws ChannelException {
    if (length > RecordHeader.MAX_PLAINTEXT_BYTES) {
      throw new IllegalArgumentException("record plaintext over 16384 bytes");
    }
    long now = nanoClock.getAsLong();
    if (counter >= policy.afterRecords()
        || bytes + length > policy.afterBytes()
        || now - epochStartNanos >= policy.after().toNanos()) {
      ratchet(now);
    }
    Reserved reserved = new Reserved(cipher, epoch, counter, streamId, type, length);
    counter++;
    bytes += length;
    return reserved;
  }

  /**
   * One record whose nonce is spent and whose key is fixed: sealing it needs no lock. It holds
   * the epoch's cipher even if the direction ratchets meanwhile (the old key's bytes are wiped at
   * the ratchet; the JDK's key copy lives until the cipher is collected, as before).
   */
  public static final class Reserved {
    private final RecordCipher cipher;
    private final long epoch;
    private final long counter;
    private final int streamId;
    private final int type;
    private final int length;
    private final AtomicBoolean sealed = new AtomicBoolean();

    private Reserved(RecordCipher cipher, long epoch, long counter, int streamId, int type, int length) {
      this.cipher = cipher;
      this.epoch = epoch;
      this.counter = counter;
      this.streamId = streamId;
      this.type = type;
      this.length = length;
    }

    /** Seals the reserved {@code length} bytes of {@code payload} from {@code offset}; call once. */
    public byte[] seal(byte[] payload, int offset) {
      byte[] out = new byte[RecordHeader.BYTES + length + RecordCipher.TAG_BYTES];
      sealInto(payload, offset, out);
      return out;
    }

    /**
     * Seals like {@link #seal} into the start of {@code out} (a reused buffer at least
     * {@code RecordHeader.BYTES + length + 16} long); call once.
     *
     * @return the record's length in {@code out}, header included
     */
    public int sealInto(byte[] payload, int offset, byte[] out) {
      return sealInto(payload, offset, out, 0);
    }

    /**
     * Seals like {@link #sealInto(byte[], int, byte[])} at {@code at} of {@code out}, so that
     * consecutive records can be sealed back to back into one buffer; call once.
     *
     * @return the record's length in {@code out}, header included
     */
    public int sealInto(byte[] payload, int offset, byte[] out, int at) {
      if (!sealed.compareAndSet(false, true)) {
        throw new IllegalStateException("a reserved record is sealed once: its nonce is spent");
      }
      int ciphertextLength = length + RecordCipher.TAG_BYTES;
      RecordHeader.write(out, at, ciphertextLength, epoch, streamId, type);
      cipher.seal(RecordHeader.nonce(epoch, counter), payload, offset, length, out, at);
      return RecordHeader.BYTES + ciphertextLength;
    }
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
