package dev.bulwark.bench.channel;

import dev.bulwark.channel.ChannelClient;
import dev.bulwark.channel.ChannelClientConfig;
import dev.bulwark.channel.ChannelIdentity;
import dev.bulwark.channel.ChannelServer;
import dev.bulwark.channel.ChannelServerConfig;
import dev.bulwark.channel.ChannelStream;
import dev.bulwark.channel.StreamHandler;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Loopback servers for the channel-versus-TLS benchmarks: the same tiny protocol on both (a flow
 * sends an 8-byte length and that many bytes; the server answers one byte), so only the transport
 * differs. TLS is the JDK's TLS 1.3 with X25519, AES-256-GCM and an Ed25519 certificate (made with
 * keytool at set-up), comparable to the channel's Ed25519 identity and AES-256-GCM records.
 */
final class Loopback implements AutoCloseable {
  static final String TLS_SUITE = "TLS_AES_256_GCM_SHA384";
  private final ChannelIdentity identity = ChannelIdentity.generate(false);
  private final ChannelServer channelServer;
  private final SSLServerSocket tlsServer;
  private final SSLContext tls;
  private final Path keyDir;
  private final char[] storePassword = java.util.UUID.randomUUID().toString().toCharArray();

  Loopback() throws IOException, GeneralSecurityException, InterruptedException {
    ChannelServerConfig config = ChannelServerConfig.defaults(identity)
        .withMaxConnections(100_000).withMaxConnectionsPerAddress(100_000).withMaxStreamsPerSession(1024);
    channelServer = ChannelServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), config, sink());
    keyDir = Files.createTempDirectory("bulwark-bench-tls");
    tls = tlsContext(keyDir.resolve("tls.p12"), storePassword, true);
    tlsServer = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 4096, InetAddress.getLoopbackAddress());
    tlsServer.setSSLParameters(parameters(tls));
    Thread.ofVirtual().start(this::acceptTls);
  }

  /** Reads framed flows until end of stream, acknowledging each with one byte. */
  private static StreamHandler sink() {
    return stream -> serveFlows(stream.inputStream(), stream.outputStream());
  }

  static void serveFlows(InputStream raw, OutputStream out) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    byte[] buffer = new byte[64 * 1024];
    while (true) {
      long length;
      try {
        length = in.readLong();
      } catch (java.io.EOFException end) {
        return;
      }
      while (length > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, length));
        if (n < 0) {
          return;
        }
        length -= n;
      }
      out.write(1);
      out.flush();
    }
  }

  /** Sends one framed payload on a flow and waits for its acknowledgement. */
  static void push(DataOutputStream out, InputStream in, byte[] payload) throws IOException {
    out.writeLong(payload.length);
    out.write(payload);
    out.flush();
    if (in.read() != 1) {
      throw new IOException("no acknowledgement");
    }
  }

  private void acceptTls() {
    while (!tlsServer.isClosed()) {
      try {
        Socket socket = tlsServer.accept();
        Thread.ofVirtual().start(() -> {
          try (socket) {
            serveFlows(socket.getInputStream(), socket.getOutputStream());
          } catch (IOException e) {
            // the client went away
          }
        });
      } catch (IOException e) {
        return;
      }
    }
  }

  private static SSLParameters parameters(SSLContext context) {
    SSLParameters p = context.getDefaultSSLParameters();
    p.setProtocols(new String[] {"TLSv1.3"});
    p.setCipherSuites(new String[] {TLS_SUITE});
    p.setNamedGroups(new String[] {"x25519"});
    return p;
  }

  /** A TLS context from a PKCS#12 store, made first with keytool when {@code create}. */
  static SSLContext tlsContext(Path store, char[] password, boolean create)
      throws IOException, GeneralSecurityException, InterruptedException {
    if (create) {
      generate(store, password);
    }
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, password);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, password);
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keyStore);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }

  /** A throwaway Ed25519 key and certificate for this run only (the password is random per run). */
  private static void generate(Path store, char[] password) throws IOException, InterruptedException {
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-keyalg", "Ed25519", "-alias", "bench", "-dname", "CN=localhost", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(password))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (keytool.waitFor() != 0) {
      throw new IOException("keytool failed");
    }
  }

  int channelPort() {
    return channelServer.address().getPort();
  }

  int tlsPort() {
    return tlsServer.getLocalPort();
  }

  String pin() {
    return identity.pin().toString();
  }

  Path tlsStore() {
    return keyDir.resolve("tls.p12");
  }

  char[] tlsStorePassword() {
    return storePassword.clone();
  }

  /** A fresh channel session with a full handshake. */
  ChannelClient channelClient() throws IOException {
    return ChannelClient.connect("127.0.0.1", channelServer.address().getPort(),
        ChannelClientConfig.pinned(identity.pin()).withMaxStreams(1024));
  }

  /** A fresh TLS 1.3 connection with a full handshake (its session is invalidated: no resumption). */
  SSLSocket tlsClient() throws IOException {
    return tlsClient(tls, tlsServer.getLocalPort());
  }

  static SSLSocket tlsClient(SSLContext tls, int port) throws IOException {
    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    socket.setSSLParameters(parameters(tls));
    socket.startHandshake();
    socket.getSession().invalidate();
    return socket;
  }

  static ChannelStream open(ChannelClient client) throws IOException {
    return client.openStream();
  }

  @Override
  public void close() throws IOException {
    channelServer.close(java.time.Duration.ofSeconds(1));
    tlsServer.close();
    try (Stream<Path> files = Files.walk(keyDir)) {
      List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    }
  }
}
