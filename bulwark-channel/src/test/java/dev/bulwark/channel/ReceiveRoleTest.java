package dev.bulwark.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The receive role (docs/channel-protocol.md §4, leader/follower): an application thread that waits
 * for its stream reads the session's records itself while the role is free. These tests pin what
 * that must not change: a reader that leads and then goes away leaves no record unread (the
 * session's own reader takes the role back), and a thread with its interrupt flag set never reads
 * the socket (an interrupted virtual thread's socket read would close the whole session).
 */
class ReceiveRoleTest {

  /**
   * Stream 1's readers (client and server) each read one reply on their own thread, so each led,
   * and then go away without reading again. Records nobody waits for then arrive on both sides: the
   * OPEN of stream 2 (the server must start its handler) and stream 2's echo (the client's new
   * thread waits while the role is free). Both must be served within the lease, not left unread.
   */
  @Test
  void readerThatLedAndWentAway_leavesNoRecordUnread() throws Exception {
    CountDownLatch away = new CountDownLatch(1);
    StreamHandler handler = stream -> {
      InputStream in = stream.inputStream();
      int first = in.read();
      if (first == 'A') { // stream 1: answer once, then stop reading while stream 2 runs
        stream.outputStream().write('a');
        stream.outputStream().flush();
        try {
          away.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      OutputStream out = stream.outputStream();
      out.write(first);
      in.transferTo(out);
    };
    try (ChannelServer server = ChannelServer.start(new InetSocketAddress("127.0.0.1", 0),
            ChannelServerConfig.defaults(Fixtures.IDENTITY), handler);
        ChannelClient client = Fixtures.connect(server)) {
      ChannelStream first = client.openStream();
      first.outputStream().write('A');
      assertThat(first.inputStream().read()).isEqualTo('a');
      for (int round = 0; round < 20; round++) {
        long start = System.nanoTime();
        byte[] request = ("round " + round).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[][] answer = new byte[1][];
        Thread other = Thread.ofVirtual().start(() -> {
          try {
            answer[0] = Fixtures.roundTrip(client, request);
          } catch (IOException e) {
            answer[0] = new byte[0];
          }
        });
        assertThat(other.join(Duration.ofSeconds(10))).as("stream 2 answered").isTrue();
        assertThat(answer[0]).containsExactly(request);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        Thread.sleep(round % 2 == 0 ? 1 : 30); // within the lease, or past it (the session's reader took the role back)
      }
      away.countDown();
      assertThat(client.isClosed()).isFalse();
    }
  }

  /**
   * A reader whose interrupt flag is set is still served, and the session survives it. (Its
   * writes are another matter: a virtual thread's socket write with the flag set closes the socket,
   * as for any JDK socket, so the writing here is done by another thread.)
   */
  @Test
  void interruptedReader_doesNotReadTheSocket_sessionSurvives() throws Exception {
    try (ChannelServer server = Fixtures.echoServer(); ChannelClient client = Fixtures.connect(server)) {
      ChannelStream stream = client.openStream();
      byte[][] answer = new byte[1][];
      boolean[] stillInterrupted = new boolean[1];
      CountDownLatch waiting = new CountDownLatch(1);
      Thread reader = Thread.ofVirtual().start(() -> {
        try {
          InputStream in = stream.inputStream();
          int first = in.read(); // led: the role is free for this thread's next wait, within the lease
          Thread.currentThread().interrupt();
          waiting.countDown();
          byte[] rest = in.readAllBytes();
          answer[0] = first == 7 ? rest : new byte[0];
        } catch (IOException e) {
          answer[0] = new byte[0];
        }
        stillInterrupted[0] = Thread.currentThread().isInterrupted();
      });
      stream.outputStream().write(7);
      waiting.await();
      Thread.sleep(20); // the interrupted reader waits before anything more arrives
      stream.outputStream().write(new byte[64 * 1024]);
      stream.closeWrite();
      assertThat(reader.join(Duration.ofSeconds(10))).isTrue();
      assertThat(answer[0]).hasSize(64 * 1024);
      assertThat(stillInterrupted[0]).as("the flag is the caller's, left as it was").isTrue();
      assertThat(client.isClosed()).isFalse();
      assertThat(Fixtures.roundTrip(client, new byte[] {1, 2, 3})).containsExactly(1, 2, 3);
    }
  }
}
