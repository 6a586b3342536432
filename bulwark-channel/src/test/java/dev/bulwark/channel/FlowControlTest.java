package dev.bulwark.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Per-stream credit (docs/channel-protocol.md §4): a stream whose reader stalls stops its writer
 * after one window, the server buffers no more than that, and other streams keep flowing.
 */
class FlowControlTest {
  @Test
  void stalledStream_blocksOnlyItsWriter_otherStreamsFlow_serverBufferBounded() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    StreamHandler handler = stream -> {
      int first = stream.inputStream().read();
      if (first == 'S') { // the stalled stream: read nothing more until released
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        stream.inputStream().transferTo(java.io.OutputStream.nullOutputStream());
        stream.outputStream().write("done".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      } else {
        stream.outputStream().write(first);
        Fixtures.ECHO.handle(stream);
      }
    };
    try (ChannelServer server = ChannelServer.start(new InetSocketAddress("127.0.0.1", 0),
            ChannelServerConfig.defaults(Fixtures.IDENTITY), handler);
        ChannelClient client = Fixtures.connect(server)) {
      ChannelStream stalled = client.openStream();
      byte[] big = new byte[4 * 1024 * 1024];
      big[0] = 'S';
      Thread writer = Thread.ofVirtual().start(() -> {
        try {
          stalled.outputStream().write(big);
          stalled.closeWrite();
        } catch (IOException e) {
          // reported by the assertions below
        }
      });
      Thread.sleep(500);
      assertThat(writer.isAlive()).as("the writer is held back by the exhausted credit").isTrue();
      for (int i = 0; i < 20; i++) {
        assertThat(Fixtures.roundTrip(client, new byte[] {'o', (byte) i})).containsExactly('o', i);
      }
      assertThat(server.reservedBufferBytes()).isLessThanOrEqualTo(2L * 128 * 1024);
      release.countDown();
      writer.join(Duration.ofSeconds(30));
      assertThat(writer.isAlive()).isFalse();
      assertThat(stalled.inputStream().readAllBytes()).containsExactly('d', 'o', 'n', 'e');
    }
  }
}
