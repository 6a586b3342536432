package dev.bulwark.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rekeying with data in flight in both directions (docs/channel-protocol.md §3). */
class RekeyTest {
  @Test
  void rekey_dataInFlightBothWays_everyByteArrivesAndEpochsAdvance() throws Exception {
    RekeyPolicy tight = RekeyPolicy.defaults().withAfterRecords(5).withAfterBytes(50_000).withAfter(Duration.ofMillis(30));
    byte[] up = random(3_000_000);
    byte[] down = random(3_000_000);
    java.util.concurrent.atomic.AtomicBoolean serverVerified = new java.util.concurrent.atomic.AtomicBoolean();
    // The server streams its own payload while it reads the client's: both directions are busy at once.
    StreamHandler duplex = stream -> {
      Thread writer = Thread.ofVirtual().start(() -> {
        try {
          stream.outputStream().write(down);
          stream.closeWrite();
        } catch (IOException e) {
          // the client sees a short read
        }
      });
      byte[] received = stream.inputStream().readAllBytes();
      Fixtures.join(writer);
      serverVerified.set(MessageDigest.isEqual(sha256(received), sha256(up)));
    };
    try (ChannelServer server = ChannelServer.start(new InetSocketAddress("127.0.0.1", 0),
            ChannelServerConfig.defaults(Fixtures.IDENTITY).withRekey(tight), duplex);
        ChannelClient client = Fixtures.connect(server, ChannelClientConfig.pinned(Fixtures.IDENTITY.pin()).withRekey(tight))) {
      ChannelStream stream = client.openStream();
      Thread writer = Thread.ofVirtual().start(() -> {
        try {
          stream.outputStream().write(up);
          stream.closeWrite();
        } catch (IOException e) {
          // the server sees a short read
        }
      });
      byte[] received = stream.inputStream().readAllBytes();
      Fixtures.join(writer);
      assertThat(sha256(received)).isEqualTo(sha256(down));
      assertThat(client.sendEpoch()).isGreaterThan(20);
      assertThat(client.receiveEpoch()).isGreaterThan(20);
      assertThat(Fixtures.eventually(Duration.ofSeconds(5), () -> server.activeHandlers() == 0)).isTrue();
      assertThat(serverVerified).isTrue();
      assertThat(client.isClosed()).isFalse();
    }
  }

  @Test
  void rekeyByTime_idleSessionStillOpensAfterEpochsPass() throws Exception {
    RekeyPolicy fast = RekeyPolicy.defaults().withAfter(Duration.ofMillis(20));
    try (ChannelServer server = Fixtures.echoServer(ChannelServerConfig.defaults(Fixtures.IDENTITY).withRekey(fast));
        ChannelClient client = Fixtures.connect(server, ChannelClientConfig.pinned(Fixtures.IDENTITY.pin()).withRekey(fast))) {
      for (int i = 0; i < 3; i++) {
        Thread.sleep(50);
        assertThat(Fixtures.roundTrip(client, new byte[] {(byte) i})).containsExactly(i);
      }
      assertThat(client.sendEpoch()).isGreaterThanOrEqualTo(3);
    }
  }

  static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
