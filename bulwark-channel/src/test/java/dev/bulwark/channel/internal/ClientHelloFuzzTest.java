package dev.bulwark.channel.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.channel.ChannelException;
import java.util.Arrays;

/**
 * Fuzzes the ClientHello parser, optionally behind a valid frame header and magic so the fuzzer
 * reaches the offer lists and key fields. Only {@link ChannelException} may escape, and whatever
 * parses re-encodes to the very same bytes (one encoding per message, nothing ignored).
 */
class ClientHelloFuzzTest {
  @FuzzTest
  void parse_arbitraryBytes_throwsOnlyChannelExceptionOrRoundTrips(FuzzedDataProvider data) {
    boolean framed = data.consumeBoolean();
    byte[] body = data.consumeRemainingAsBytes();
    byte[] frame = body;
    if (framed) {
      frame = new byte[HandshakeFrame.HEADER_BYTES + ClientHello.MAGIC.length + body.length];
      byte[] header = HandshakeFrame.header(HandshakeFrame.CLIENT_HELLO, ClientHello.MAGIC.length + body.length);
      System.arraycopy(header, 0, frame, 0, header.length);
      System.arraycopy(ClientHello.MAGIC, 0, frame, header.length, ClientHello.MAGIC.length);
      System.arraycopy(body, 0, frame, header.length + ClientHello.MAGIC.length, body.length);
    }
    try {
      ClientHello hello = ClientHello.parse(frame);
      if (!Arrays.equals(hello.encode(), frame)) {
        throw new AssertionError("a parsed ClientHello does not re-encode to its bytes");
      }
    } catch (ChannelException expected) {
      // refused
    }
  }
}
