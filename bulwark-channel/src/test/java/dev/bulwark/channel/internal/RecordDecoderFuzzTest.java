package dev.bulwark.channel.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.channel.ChannelException;
import dev.bulwark.channel.ChannelSuite;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzzes the record decoder (header bounds, body read, AEAD open, ratchet) with arbitrary bytes,
 * optionally behind a well-formed header so the fuzzer reaches the cipher and the next-epoch path.
 * Only {@link ChannelException} may escape, and a forged record never opens.
 */
class RecordDecoderFuzzTest {
  private static final byte[] KEY_MATERIAL = new byte[64];
  private static final byte[] TH = new byte[32];

  @FuzzTest
  void decode_arbitraryBytes_throwsOnlyChannelException(FuzzedDataProvider data) {
    ChannelSuite suite = data.consumeBoolean() ? ChannelSuite.AES_256_GCM : ChannelSuite.CHACHA20_POLY1305;
    ReceiveDirection receive = new ReceiveDirection(suite, KeySchedule.initial(KEY_MATERIAL, TH, suite, true));
    boolean withHeader = data.consumeBoolean();
    int epoch = data.consumeInt(0, 1);
    int stream = data.consumeInt();
    int type = data.consumeInt(0, 9);
    byte[] body = data.consumeRemainingAsBytes();
    byte[] record = body;
    if (withHeader) {
      record = new byte[RecordHeader.BYTES + body.length];
      RecordHeader.write(record, body.length, epoch, stream, type);
      System.arraycopy(body, 0, record, RecordHeader.BYTES, body.length);
    }
    try {
      RecordIo.read(new ByteArrayInputStream(record), receive);
      throw new AssertionError("a forged record opened");
    } catch (ChannelException expected) {
      // refused, as it must be
    } catch (IOException e) {
      throw new AssertionError("an undocumented exception escaped", e);
    }
  }
}
