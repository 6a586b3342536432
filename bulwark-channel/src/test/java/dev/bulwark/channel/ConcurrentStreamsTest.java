package dev.bulwark.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 1,000 streams at once in one session: every stream's payload comes back intact and unmixed, and
 * the server saw exactly the payload each stream sent (checked by SHA-256 on both ends).
 */
class ConcurrentStreamsTest {
  @Test
  void thousandConcurrentStreams_payloadsNeverMix() throws Exception {
    int streams = 1000;
    Map<Integer, byte[]> serverHashes = new ConcurrentHashMap<>();
    StreamHandler hashingEcho = stream -> {
      byte[] all = stream.inputStream().readAllBytes();
      serverHashes.put(ByteBuffer.wrap(all, 0, 4).getInt(), RekeyTest.sha256(all));
      stream.outputStream().write(all);
    };
    ChannelServerConfig config = ChannelServerConfig.defaults(Fixtures.IDENTITY).withMaxStreamsPerSession(streams)
        .withMaxBufferedBytes((long) streams * 128 * 1024);
    try (ChannelServer server = ChannelServer.start(new InetSocketAddress("127.0.0.1", 0), config, hashingEcho);
        ChannelClient client = Fixtures.connect(server, ChannelClientConfig.pinned(Fixtures.IDENTITY.pin()).withMaxStreams(streams))) {
      CountDownLatch allOpen = new CountDownLatch(streams);
      List<Thread> threads = new ArrayList<>();
      Map<Integer, Boolean> ok = new ConcurrentHashMap<>();
      Map<Integer, byte[]> sent = new ConcurrentHashMap<>();
      for (int i = 0; i < streams; i++) {
        int tag = i;
        threads.add(Thread.ofVirtual().start(() -> {
          try (ChannelStream stream = client.openStream()) {
            byte[] payload = new byte[4 + ThreadLocalRandom.current().nextInt(1, 40_000)];
            ThreadLocalRandom.current().nextBytes(payload);
            ByteBuffer.wrap(payload).putInt(tag);
            sent.put(tag, RekeyTest.sha256(payload));
            allOpen.countDown();
            allOpen.await(); // every stream is open before any finishes: they really run at once
            stream.outputStream().write(payload);
            stream.closeWrite();
            byte[] back = stream.inputStream().readAllBytes();
            ok.put(tag, MessageDigest.isEqual(RekeyTest.sha256(back), RekeyTest.sha256(payload)));
          } catch (IOException | InterruptedException e) {
            ok.put(tag, false);
          }
        }));
      }
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(60));
      }
      assertThat(ok).hasSize(streams).doesNotContainValue(false);
      assertThat(serverHashes).hasSize(streams);
      for (int i = 0; i < streams; i++) {
        assertThat(serverHashes.get(i)).as("stream %d", i).isEqualTo(sent.get(i));
      }
      assertThat(Fixtures.eventually(java.time.Duration.ofSeconds(10), () -> server.reservedBufferBytes() == 0)).isTrue();
    }
  }
}
