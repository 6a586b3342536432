package dev.bulwark.channel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/** Shared set-up: identities are made at runtime (no key material in the tree). */
final class Fixtures {
  static final ChannelIdentity IDENTITY = ChannelIdentity.generate(false);
  static final ChannelIdentity PQ_IDENTITY = ChannelIdentity.generate(true);
  static final StreamHandler ECHO = stream -> stream.inputStream().transferTo(stream.outputStream());

  private Fixtures() {}

  static ChannelServer echoServer(ChannelServerConfig config) throws IOException {
    return ChannelServer.start(new InetSocketAddress("127.0.0.1", 0), config, ECHO);
  }

  static ChannelServer echoServer() throws IOException {
    return echoServer(ChannelServerConfig.defaults(IDENTITY));
  }

  static ChannelClient connect(ChannelServer server, ChannelClientConfig config) throws IOException {
    return ChannelClient.connect("127.0.0.1", server.address().getPort(), config);
  }

  static ChannelClient connect(ChannelServer server) throws IOException {
    return connect(server, ChannelClientConfig.pinned(IDENTITY.pin()));
  }

  /** Writes, half-closes and reads the whole answer of one stream. */
  static byte[] roundTrip(ChannelClient client, byte[] request) throws IOException {
    try (ChannelStream stream = client.openStream()) {
      Thread writer = Thread.ofVirtual().start(() -> {
        try {
          stream.outputStream().write(request);
          stream.closeWrite();
        } catch (IOException e) {
          // the reader sees the failure
        }
      });
      byte[] answer = stream.inputStream().readAllBytes();
      join(writer);
      return answer;
    }
  }

  static void join(Thread thread) {
    try {
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Polls until the condition holds or the time is up; returns whether it held. */
  static boolean eventually(Duration limit, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }
}
