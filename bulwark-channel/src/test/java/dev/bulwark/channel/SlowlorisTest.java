package dev.bulwark.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Slowloris (Robert Hansen, 2009): many connections that each send one byte per second to hold a
 * server's slots. Virtual threads keep them cheap, and the handshake's total deadline ends them;
 * meanwhile an honest client's handshake + echo stays fast.
 */
class SlowlorisTest {
  /** The n-th byte of a plausible ClientHello: a valid header announcing 1,254 bytes, then zeros. */
  private static int trickled(int n) {
    int[] header = {0x01, 0x00, 0x04, 0xE6};
    return n < header.length ? header[n] : 0;
  }

  @Test
  void fiveHundredTricklingConnections_honestClientP99Under100ms() throws Exception {
    ChannelServerConfig config = ChannelServerConfig.defaults(Fixtures.IDENTITY).withMaxConnectionsPerAddress(1000);
    try (ChannelServer server = Fixtures.echoServer(config)) {
      int port = server.address().getPort();
      for (int i = 0; i < 30; i++) { // warm the JIT before measuring
        try (ChannelClient client = Fixtures.connect(server)) {
          Fixtures.roundTrip(client, new byte[] {1});
        }
      }
      List<Socket> slow = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        Socket s = new Socket("127.0.0.1", port);
        s.getOutputStream().write(trickled(0));
        slow.add(s);
      }
      Thread trickle = Thread.ofVirtual().start(() -> {
        try {
          for (int second = 1; !Thread.currentThread().isInterrupted(); second++) {
            Thread.sleep(1000);
            for (Socket s : slow) {
              s.getOutputStream().write(trickled(second));
            }
          }
        } catch (IOException | InterruptedException e) {
          // the test is over or the server cut the connection
        }
      });
      assertThat(Fixtures.eventually(Duration.ofSeconds(10), () -> server.openConnections() >= 500)).isTrue();
      long[] millis = new long[200];
      for (int i = 0; i < millis.length; i++) {
        long start = System.nanoTime();
        try (ChannelClient client = Fixtures.connect(server)) {
          assertThat(Fixtures.roundTrip(client, new byte[] {(byte) i})).containsExactly(i);
        }
        millis[i] = (System.nanoTime() - start) / 1_000_000;
      }
      assertThat(server.openConnections()).as("the attack was still holding its connections").isGreaterThanOrEqualTo(500);
      Arrays.sort(millis);
      long p99 = millis[(int) Math.ceil(0.99 * millis.length) - 1];
      System.out.printf("slowloris: handshake+echo p50 %d ms, p99 %d ms, max %d ms under 500 trickling connections%n",
          millis[millis.length / 2], p99, millis[millis.length - 1]);
      assertThat(p99).isLessThan(100);
      trickle.interrupt();
      for (Socket s : slow) {
        s.close();
      }
      assertThat(Fixtures.eventually(Duration.ofSeconds(10), () -> server.openConnections() == 0)).isTrue();
    }
  }

  @Test
  void tricklingHandshake_cutAtTheTotalDeadline_notExtendedByEachByte() throws Exception {
    ChannelServerConfig config = ChannelServerConfig.defaults(Fixtures.IDENTITY).withHandshakeTimeout(Duration.ofSeconds(1));
    try (ChannelServer server = Fixtures.echoServer(config);
        Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.address().getPort()));
      long start = System.nanoTime();
      InputStream in = s.getInputStream();
      Thread trickle = Thread.ofVirtual().start(() -> {
        try {
          for (int i = 0; i < 50; i++) {
            s.getOutputStream().write(trickled(i));
            Thread.sleep(100);
          }
        } catch (IOException | InterruptedException e) {
          // cut by the server, as expected
        }
      });
      assertThat(in.read()).isEqualTo(-1);
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(elapsedMillis).isBetween(900L, 3000L);
      trickle.interrupt();
    }
  }
}
