package dev.bulwark.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Per-stream credit (docs/channel-protocol.md §4): a stream whose reader stalls stops its writer
 * after one window, the server buffers no more than that, and other streams keep flowing. A stream
 * that carries bulk data grows its window to 1 MiB, reserved from the server's budget, only when
 * the budget has room.
 */
class FlowControlTest {
  private static final int MIB = 1024 * 1024;

  @Test
  void bulkStream_growsItsWindowToOneMebibyte_reservedFromBudget_releasedAtEnd() throws Exception {
    assertThat(stallAfterBulk(ChannelServerConfig.defaults(Fixtures.IDENTITY))).isEqualTo(MIB);
  }

  @Test
  void bulkStream_keepsInitialWindow_whenBudgetHasNoRoom() throws Exception {
    ChannelServerConfig tight = ChannelServerConfig.defaults(Fixtures.IDENTITY).withMaxBufferedBytes(128 * 1024);
    assertThat(stallAfterBulk(tight)).isEqualTo(128 * 1024);
  }

  /**
   * The server reads 256 KiB (past the growth point), then stops reading while the client tries to
   * write 4 MiB: the writer must stay blocked, the server's reservation must settle at the window
   * it granted (returned), and everything must flow and be released once the server reads again.
   */
  private static long stallAfterBulk(ChannelServerConfig config) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    StreamHandler handler = stream -> {
      InputStream in = stream.inputStream();
      int first = in.readNBytes(256 * 1024).length;
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      long rest = in.transferTo(java.io.OutputStream.nullOutputStream());
      stream.outputStream().write(first + rest == 4L * MIB ? 'k' : 'x');
    };
    try (ChannelServer server = ChannelServer.start(new InetSocketAddress("127.0.0.1", 0), config, handler);
        ChannelClient client = Fixtures.connect(server)) {
      ChannelStream stream = client.openStream();
      Thread writer = Thread.ofVirtual().start(() -> {
        try {
          stream.outputStream().write(new byte[4 * MIB]);
          stream.closeWrite();
        } catch (IOException e) {
          // reported by the assertions below
        }
      });
      Thread.sleep(500);
      assertThat(writer.isAlive()).as("the writer is held back by the exhausted credit").isTrue();
      long reserved = server.reservedBufferBytes();
      release.countDown();
      writer.join(Duration.ofSeconds(30));
      assertThat(writer.isAlive()).isFalse();
      assertThat(stream.inputStream().readAllBytes()).containsExactly('k');
      stream.close();
      assertThat(Fixtures.eventually(Duration.ofSeconds(10), () -> server.reservedBufferBytes() == 0)).isTrue();
      return reserved;
    }
  }

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
