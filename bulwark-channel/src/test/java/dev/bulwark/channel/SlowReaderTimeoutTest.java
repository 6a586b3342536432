package dev.bulwark.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.channel.internal.Handshake;
import java.io.IOException;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Slowloris after the handshake: a peer that starts a record and stalls is cut at the read
 * timeout, one that sends nothing at the idle timeout; both release their connection slot.
 */
class SlowReaderTimeoutTest {
  private static Socket handshaken(ChannelServer server) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.address().getPort());
    Handshake.client(socket.getInputStream(), socket.getOutputStream(), List.of(ChannelSuite.AES_256_GCM),
        digest -> {}, RekeyPolicy.defaults(), System::nanoTime, new SecureRandom());
    return socket;
  }

  private static long millisUntilClosed(Socket socket) throws IOException {
    long start = System.nanoTime();
    socket.setSoTimeout(10_000);
    assertThat(socket.getInputStream().read()).isEqualTo(-1);
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void stalledRecord_cutAtReadTimeout() throws IOException {
    ChannelServerConfig config = ChannelServerConfig.defaults(Fixtures.IDENTITY)
        .withReadTimeout(Duration.ofMillis(500)).withIdleTimeout(Duration.ofSeconds(30));
    try (ChannelServer server = Fixtures.echoServer(config); Socket socket = handshaken(server)) {
      socket.getOutputStream().write(new byte[] {0, 40, 0, 0, 0}); // five bytes of a header, then silence
      assertThat(millisUntilClosed(socket)).isBetween(300L, 3000L);
      assertThat(Fixtures.eventually(Duration.ofSeconds(5), () -> server.openConnections() == 0)).isTrue();
    }
  }

  @Test
  void silentSession_cutAtIdleTimeout() throws IOException {
    ChannelServerConfig config = ChannelServerConfig.defaults(Fixtures.IDENTITY).withIdleTimeout(Duration.ofMillis(700));
    try (ChannelServer server = Fixtures.echoServer(config); Socket socket = handshaken(server)) {
      assertThat(millisUntilClosed(socket)).isBetween(500L, 4000L);
      assertThat(Fixtures.eventually(Duration.ofSeconds(5), () -> server.openConnections() == 0)).isTrue();
    }
  }
}
