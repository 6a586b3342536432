package dev.bulwark.channel.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.channel.ChannelException;
import java.util.Arrays;

/**
 * Fuzzes the ServerHello parser (sizes, identity flags, Ed25519 and ML-DSA-65 key decoding),
 * optionally behind a valid frame header. Only {@link ChannelException} may escape, and whatever
 * parses keeps exactly its bytes as the frame the transcript hashes.
 */
class ServerHelloFuzzTest {
  @FuzzTest
  void parse_arbitraryBytes_throwsOnlyChannelException(FuzzedDataProvider data) {
    boolean framed = data.consumeBoolean();
    byte[] body = data.consumeRemainingAsBytes();
    byte[] frame = body;
    if (framed) {
      frame = new byte[HandshakeFrame.HEADER_BYTES + body.length];
      byte[] header = HandshakeFrame.header(HandshakeFrame.SERVER_HELLO, body.length);
      System.arraycopy(header, 0, frame, 0, header.length);
      System.arraycopy(body, 0, frame, header.length, body.length);
    }
    try {
      ServerHello hello = ServerHello.parse(frame);
      if (!Arrays.equals(hello.frame(), frame)) {
        throw new AssertionError("a parsed ServerHello lost bytes of its frame");
      }
    } catch (ChannelException expected) {
      // refused
    }
  }
}
