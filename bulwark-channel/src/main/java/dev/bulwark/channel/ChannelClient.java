package dev.bulwark.channel;

import dev.bulwark.channel.internal.Handshake;
import dev.bulwark.channel.internal.Session;
import dev.bulwark.channel.internal.TimedInput;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client session: one TCP connection, authenticated against a pinned server key (or an explicit
 * trust-on-first-use file), over which it opens any number of streams up to its cap. Every record
 * is sealed with per-direction counter nonces and rekeyed by the {@link RekeyPolicy}; the first
 * refused record closes the session and fails every stream. Thread-safe.
 *
 * {@snippet :
 * try (ChannelClient client = ChannelClient.connect("db.internal", 7443, ChannelClientConfig.pinned(pin));
 *     ChannelStream stream = client.openStream()) {
 *   stream.outputStream().write(request);
 *   stream.closeWrite();
 *   byte[] answer = stream.inputStream().readAllBytes();
 * }
 * }
 */
public final class ChannelClient implements AutoCloseable {
  private final Session session;
  private final ChannelPin serverPin;

  private ChannelClient(Session session, ChannelPin serverPin) {
    this.session = session;
    this.serverPin = serverPin;
  }

  /**
   * Connects and runs the handshake.
   *
   * @throws ChannelException if the server's identity is not trusted, a signature fails, the server
   *     answers outside the offer, or the handshake times out
   * @throws IOException if the connection fails
   */
  public static ChannelClient connect(String host, int port, ChannelClientConfig config) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), (int) config.connectTimeout().toMillis());
      TimedInput in = new TimedInput(socket);
      OutputStream out = socket.getOutputStream();
      in.deadline(System.nanoTime() + config.handshakeTimeout().toNanos());
      AtomicReference<ChannelPin> presented = new AtomicReference<>();
      Handshake.Result keys;
      try {
        keys = Handshake.client(in, out, config.suites(), digest -> {
          ChannelPin pin = ChannelPin.ofDigest(digest);
          presented.set(pin);
          config.trust().check(pin);
        }, config.rekey(), System::nanoTime, new SecureRandom());
      } catch (java.net.SocketTimeoutException e) {
        throw new ChannelException("handshake timed out", e);
      }
      Session session = new Session(socket, in, out, keys, new Session.Options(false, config.maxStreams(), 0,
          config.readTimeout().toNanos(), null, stream -> {}, () -> {}));
      Thread.ofVirtual().name("bulwark-channel-client-reader").start(session::runReader);
      return new ChannelClient(session, presented.get());
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Opens a new stream.
   *
   * @throws ChannelException if the session is closed, the server is going away, or the cap is reached
   */
  public ChannelStream openStream() throws ChannelException {
    return session.openStream();
  }

  /** The pin of the server this session is authenticated to. */
  public ChannelPin serverPin() {
    return serverPin;
  }

  /** Streams open now. */
  public int openStreams() {
    return session.openStreams();
  }

  /** The key epoch this side sends in (it grows with every rekey). */
  public long sendEpoch() {
    return session.sendEpoch();
  }

  /** The key epoch of the last record this side accepted. */
  public long receiveEpoch() {
    return session.receiveEpoch();
  }

  /** Whether the session ended (closed, refused record, connection lost). */
  public boolean isClosed() {
    return session.isClosed();
  }

  /** Closes the connection at once; open streams fail. Idempotent. */
  @Override
  public void close() {
    session.close();
  }

  @Override
  public String toString() {
    return "ChannelClient[" + serverPin + (session.isClosed() ? ", closed]" : "]");
  }
}
