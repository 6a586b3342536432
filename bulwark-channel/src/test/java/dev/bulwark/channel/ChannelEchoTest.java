package dev.bulwark.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ChannelEchoTest {
  @ParameterizedTest
  @EnumSource(ChannelSuite.class)
  void echo_eachSuite_roundTripsBytes(ChannelSuite suite) throws IOException {
    byte[] payload = new byte[100_000];
    new SecureRandom().nextBytes(payload);
    try (ChannelServer server = Fixtures.echoServer(ChannelServerConfig.defaults(Fixtures.IDENTITY).withSuites(List.of(suite)));
        ChannelClient client = Fixtures.connect(server)) {
      assertThat(Fixtures.roundTrip(client, payload)).isEqualTo(payload);
      assertThat(client.serverPin()).isEqualTo(Fixtures.IDENTITY.pin());
    }
  }

  @Test
  void echo_mlDsaIdentity_authenticatesWithBothSignatures() throws IOException {
    try (ChannelServer server = Fixtures.echoServer(ChannelServerConfig.defaults(Fixtures.PQ_IDENTITY));
        ChannelClient client = Fixtures.connect(server, ChannelClientConfig.pinned(Fixtures.PQ_IDENTITY.pin()))) {
      assertThat(Fixtures.roundTrip(client, "hello".getBytes(StandardCharsets.UTF_8))).asString(StandardCharsets.UTF_8).isEqualTo("hello");
    }
  }

  @Test
  void halfClose_serverStillWritesAfterClientFin() throws IOException {
    StreamHandler greeter = stream -> {
      byte[] name = stream.inputStream().readAllBytes();
      stream.outputStream().write(("hello " + new String(name, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    };
    try (ChannelServer server = ChannelServer.start(new InetSocketAddress("127.0.0.1", 0),
            ChannelServerConfig.defaults(Fixtures.IDENTITY), greeter);
        ChannelClient client = Fixtures.connect(server);
        ChannelStream stream = client.openStream()) {
      stream.outputStream().write("ada".getBytes(StandardCharsets.UTF_8));
      stream.closeWrite();
      assertThat(new String(stream.inputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello ada");
      assertThatThrownBy(() -> stream.outputStream().write(1)).isInstanceOf(ChannelException.class);
    }
  }

  @Test
  void byteChannelView_roundTrips() throws IOException {
    try (ChannelServer server = Fixtures.echoServer(); ChannelClient client = Fixtures.connect(server)) {
      ChannelStream stream = client.openStream();
      try (ByteChannel channel = stream.byteChannel()) {
        channel.write(ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII)));
        stream.closeWrite();
        ByteBuffer in = ByteBuffer.allocate(16);
        while (channel.read(in) >= 0) {
          // until end of stream
        }
        assertThat(new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII)).isEqualTo("abc");
      }
    }
  }

  @Test
  void reset_byServerHandlerFailure_failsTheClientRead() throws IOException {
    StreamHandler failing = stream -> {
      if (stream.inputStream().read() == 1) {
        throw new IOException("handler gave up");
      }
      Fixtures.ECHO.handle(stream);
    };
    try (ChannelServer server = ChannelServer.start(new InetSocketAddress("127.0.0.1", 0),
            ChannelServerConfig.defaults(Fixtures.IDENTITY), failing);
        ChannelClient client = Fixtures.connect(server);
        ChannelStream stream = client.openStream()) {
      stream.outputStream().write(1);
      InputStream in = stream.inputStream();
      assertThatThrownBy(in::read).isInstanceOf(ChannelException.class).hasMessageContaining("reset");
      // the session survives a stream reset
      assertThat(Fixtures.roundTrip(client, new byte[] {7, 8})).containsExactly(8);
    }
  }

  @Test
  void streamCap_refusesTheStreamOverTheCap() throws IOException {
    StreamHandler holding = stream -> stream.inputStream().readAllBytes();
    try (ChannelServer server = ChannelServer.start(new InetSocketAddress("127.0.0.1", 0),
            ChannelServerConfig.defaults(Fixtures.IDENTITY).withMaxStreamsPerSession(2), holding);
        ChannelClient client = Fixtures.connect(server)) {
      ChannelStream first = client.openStream();
      ChannelStream second = client.openStream();
      first.outputStream().write(1);
      second.outputStream().write(1);
      assertThat(Fixtures.eventually(Duration.ofSeconds(5), () -> server.activeHandlers() == 2)).isTrue();
      ChannelStream third = client.openStream();
      // The refusal (RESET) may arrive before the write or after it: either call must fail.
      assertThatThrownBy(() -> {
        third.outputStream().write(1);
        third.inputStream().read();
      }).isInstanceOf(ChannelException.class).hasMessageContaining("reset");
      first.reset();
      second.reset();
    }
  }

  @Test
  void gracefulClose_letsOpenStreamsFinishAndRefusesNewOnes() throws Exception {
    try (ChannelServer server = Fixtures.echoServer(); ChannelClient client = Fixtures.connect(server)) {
      ChannelStream stream = client.openStream();
      stream.outputStream().write("before".getBytes(StandardCharsets.US_ASCII));
      assertThat(Fixtures.eventually(Duration.ofSeconds(5), () -> server.activeHandlers() == 1)).isTrue();
      Thread closer = Thread.ofVirtual().start(() -> server.close(Duration.ofSeconds(10)));
      assertThat(Fixtures.eventually(Duration.ofSeconds(5), () -> {
        try {
          client.openStream().reset();
          return false;
        } catch (IOException refused) {
          return true;
        }
      })).isTrue();
      stream.outputStream().write(" after".getBytes(StandardCharsets.US_ASCII));
      stream.closeWrite();
      assertThat(new String(stream.inputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("before after");
      Fixtures.join(closer);
      assertThat(closer.isAlive()).isFalse();
      assertThat(server.openConnections()).isZero();
    }
  }
}
