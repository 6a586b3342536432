package dev.bulwark.channel;

import dev.bulwark.channel.internal.Handshake;
import dev.bulwark.channel.internal.Session;
import dev.bulwark.channel.internal.TimedInput;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A channel server: accepts connections on virtual threads, runs the handshake under a total
 * deadline, and hands every stream the client opens to the {@link StreamHandler} on its own
 * virtual thread. A connection over the global or per-address cap is closed at once, before any
 * session state is allocated; idle and slow peers time out; streams and buffers are capped
 * (docs/channel-protocol.md §5). {@link #close(Duration)} drains: no new connections or streams,
 * open streams may finish within the grace period. Thread-safe.
 *
 * {@snippet :
 * try (ChannelServer server = ChannelServer.start(new InetSocketAddress("0.0.0.0", 7443),
 *     ChannelServerConfig.defaults(identity),
 *     stream -> stream.inputStream().transferTo(stream.outputStream()))) {
 *   server.awaitClose();
 * }
 * }
 */
public final class ChannelServer implements AutoCloseable {
  private final ServerSocket listener;
  private final ChannelServerConfig config;
  private final StreamHandler handler;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicLong bufferBudget;
  private final AtomicInteger activeHandlers = new AtomicInteger();
  private final SecureRandom random = new SecureRandom();
  private final Thread acceptor;
  private volatile boolean closing;

  private ChannelServer(ServerSocket listener, ChannelServerConfig config, StreamHandler handler) {
    this.listener = listener;
    this.config = config;
    this.handler = handler;
    this.bufferBudget = new AtomicLong(config.maxBufferedBytes());
    this.acceptor = Thread.ofVirtual().name("bulwark-channel-accept").unstarted(this::acceptLoop);
  }

  /**
   * Binds and starts accepting.
   *
   * @throws IOException if the address cannot be bound
   */
  public static ChannelServer start(InetSocketAddress bind, ChannelServerConfig config, StreamHandler handler)
      throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(handler, "handler");
    ServerSocket listener = new ServerSocket();
    try {
      listener.setReuseAddress(true);
      listener.bind(bind, 1024);
    } catch (IOException e) {
      listener.close();
      throw e;
    }
    ChannelServer server = new ChannelServer(listener, config, handler);
    server.acceptor.start();
    return server;
  }

  /** The bound address (its port when started on port 0). */
  public InetSocketAddress address() {
    return (InetSocketAddress) listener.getLocalSocketAddress();
  }

  /** Connections open now (handshaking or in session). */
  public int openConnections() {
    return connections.get();
  }

  /** Connections refused so far by a cap. */
  public long refusedConnections() {
    return refused.get();
  }

  /** Bytes of receive-buffer budget reserved by open streams now. */
  public long reservedBufferBytes() {
    return config.maxBufferedBytes() - bufferBudget.get();
  }

  /** Stream handlers running now. */
  public int activeHandlers() {
    return activeHandlers.get();
  }

  private void acceptLoop() {
    while (!closing) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (closing) {
          return;
        }
        continue;
      }
      InetAddress address = socket.getInetAddress();
      if (!admit(address)) {
        refused.incrementAndGet();
        closeQuietly(socket);
        continue;
      }
      sockets.add(socket);
      Thread.ofVirtual().name("bulwark-channel-conn").start(() -> serve(socket, address));
    }
  }

  /** Counts the connection against both caps, or refuses it without allocating anything else. */
  private boolean admit(InetAddress address) {
    if (closing || connections.incrementAndGet() > config.maxConnections()) {
      connections.decrementAndGet();
      return false;
    }
    AtomicInteger count = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
    if (count.incrementAndGet() > config.maxConnectionsPerAddress()) {
      release(address);
      return false;
    }
    return true;
  }

  private void release(InetAddress address) {
    connections.decrementAndGet();
    perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
  }

  private void serve(Socket socket, InetAddress address) {
    Session session = null;
    try {
      socket.setTcpNoDelay(true);
      TimedInput in = new TimedInput(socket);
      OutputStream out = socket.getOutputStream();
      in.deadline(System.nanoTime() + config.handshakeTimeout().toNanos());
      Handshake.Result keys = Handshake.server(in, out, config.suites(), config.identity().ed25519(),
          config.identity().mlDsa(), config.rekey(), System::nanoTime, random);
      Session[] holder = new Session[1];
      session = new Session(socket, in, out, keys, new Session.Options(true, config.maxStreamsPerSession(),
          config.idleTimeout().toMillis(), config.readTimeout().toNanos(), bufferBudget,
          this::startHandler, () -> sessions.remove(holder[0])));
      holder[0] = session;
      sessions.add(session);
      if (closing) {
        session.goAway();
      }
      session.runReader();
    } catch (IOException | RuntimeException e) {
      // Handshake refused or timed out: nothing was delivered; the peer learns nothing but the close.
    } finally {
      if (session != null) {
        session.close();
      }
      closeQuietly(socket);
      sockets.remove(socket);
      release(address);
    }
  }

  private void startHandler(ChannelStream stream) {
    activeHandlers.incrementAndGet();
    Thread.ofVirtual().name("bulwark-channel-stream").start(() -> {
      try {
        handler.handle(stream);
        stream.close();
      } catch (IOException | RuntimeException e) {
        // A failed handler must not look like a clean end of stream to the client: RESET, not FIN.
        try {
          stream.reset();
        } catch (IOException ignored) {
          // the session is gone already
        }
      } finally {
        activeHandlers.decrementAndGet();
      }
    });
  }

  /**
   * Drains and stops: refuses new connections and streams at once, tells every client it is going
   * away, waits up to {@code grace} for open streams to finish, then closes every connection.
   */
  public void close(Duration grace) {
    closing = true;
    closeQuietly(listener);
    for (Session session : sessions) {
      session.goAway();
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (!sessions.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Session session : sessions) {
      session.close();
    }
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    try {
      acceptor.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Drains with a 5-second grace period. */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  /** Blocks until the server is closed (for a command-line server). */
  public void awaitClose() throws InterruptedException {
    acceptor.join();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }
}
