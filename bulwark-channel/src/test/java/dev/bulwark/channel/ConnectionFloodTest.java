package dev.bulwark.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A connection flood past the caps, plus garbage handshakes: the excess is refused at once, an
 * honest client from another address still gets through, and threads, buffer reservations and
 * file descriptors return to their baseline afterwards.
 */
class ConnectionFloodTest {
  private static long openFileDescriptors() throws IOException {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return -1;
    }
    try (Stream<Path> list = Files.list(fds)) {
      return list.count();
    }
  }

  private static Socket from(String localAddress, int port) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
    s.connect(new InetSocketAddress("127.0.0.1", port));
    return s;
  }

  @Test
  void floodPastCaps_refusedAtOnce_honestClientServed_resourcesBackToBaseline() throws Exception {
    ChannelServerConfig config = ChannelServerConfig.defaults(Fixtures.IDENTITY)
        .withMaxConnections(200).withMaxConnectionsPerAddress(50).withHandshakeTimeout(Duration.ofSeconds(30));
    try (ChannelServer server = Fixtures.echoServer(config)) {
      int port = server.address().getPort();
      try (ChannelClient warm = Fixtures.connect(server)) {
        Fixtures.roundTrip(warm, new byte[] {1});
      }
      assertThat(Fixtures.eventually(Duration.ofSeconds(5), () -> server.openConnections() == 0)).isTrue();
      long fdBaseline = openFileDescriptors();
      int threadBaseline = Thread.activeCount();

      List<Socket> flood = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        flood.add(from("127.0.0.2", port));
      }
      assertThat(Fixtures.eventually(Duration.ofSeconds(10), () -> server.refusedConnections() >= 950)).isTrue();
      assertThat(server.openConnections()).isEqualTo(50);
      int refusedSeen = 0;
      for (Socket s : flood) {
        s.setSoTimeout(5);
        try {
          if (s.getInputStream().read() == -1) {
            refusedSeen++;
          }
        } catch (java.net.SocketTimeoutException stillOpen) {
          // one of the 50 admitted connections, waiting for its ClientHello
        } catch (IOException reset) {
          refusedSeen++;
        }
      }
      assertThat(refusedSeen).isEqualTo(950);

      // Garbage handshakes from a second address: each is closed as soon as it fails to parse.
      List<Socket> garbage = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Socket s = from("127.0.0.3", port);
        byte[] junk = new byte[2000];
        ThreadLocalRandom.current().nextBytes(junk);
        junk[0] = 0x01;
        s.getOutputStream().write(junk);
        garbage.add(s);
      }
      // An honest client from another address is still served while the flood holds its 50 slots.
      try (ChannelClient honest = Fixtures.connect(server)) {
        assertThat(Fixtures.roundTrip(honest, new byte[] {4, 2})).containsExactly(4, 2);
      }
      for (Socket s : garbage) {
        s.setSoTimeout(5000);
        assertThat(s.getInputStream().read()).isEqualTo(-1);
        s.close();
      }
      for (Socket s : flood) {
        s.close();
      }
      assertThat(Fixtures.eventually(Duration.ofSeconds(10), () -> server.openConnections() == 0)).isTrue();
      assertThat(server.reservedBufferBytes()).isZero();
      assertThat(Fixtures.eventually(Duration.ofSeconds(10), () -> Thread.activeCount() <= threadBaseline)).isTrue();
      if (fdBaseline > 0) {
        assertThat(Fixtures.eventually(Duration.ofSeconds(10), () -> {
          try {
            return openFileDescriptors() <= fdBaseline + 2;
          } catch (IOException e) {
            return false;
          }
        })).as("file descriptors back to baseline %d", fdBaseline).isTrue();
      }
    }
  }
}
