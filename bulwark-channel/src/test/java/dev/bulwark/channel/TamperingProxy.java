package dev.bulwark.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A man in the middle for one connection that understands the framing: it hands the ClientHello
 * and ServerHello to rewriting functions, and every later server-to-client record (header and
 * body) to a record rewriter that may drop, duplicate, reorder or alter them.
 */
final class TamperingProxy implements AutoCloseable {
  /** Rewrites the server's i-th record (0-based, after the ServerHello) into zero or more records. */
  @FunctionalInterface
  interface RecordRewriter {
    List<byte[]> rewrite(int index, byte[] record);
  }

  /** Returned inside a rewriter's list: forward what came before it, then end the connection. */
  static final byte[] END = new byte[0];
  private final ServerSocket listener;

  TamperingProxy(int upstreamPort, UnaryOperator<byte[]> clientHello, UnaryOperator<byte[]> serverHello,
      RecordRewriter serverRecords) throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> {
      try (Socket client = listener.accept(); Socket server = new Socket("127.0.0.1", upstreamPort)) {
        Thread up = Thread.ofVirtual().start(() -> pipe(client, server, clientHello, (i, r) -> List.of(r)));
        pipe(server, client, serverHello, serverRecords);
        up.join();
      } catch (IOException | InterruptedException e) {
        // the connection ended; the test looks at what the endpoints saw
      }
    });
  }

  int port() {
    return listener.getLocalPort();
  }

  private static void pipe(Socket from, Socket to, UnaryOperator<byte[]> hello, RecordRewriter records) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] header = in.readNBytes(4);
      int length = ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
      byte[] frame = new byte[4 + length];
      System.arraycopy(header, 0, frame, 0, 4);
      System.arraycopy(in.readNBytes(length), 0, frame, 4, length);
      out.write(hello.apply(frame));
      for (int index = 0; ; index++) {
        byte[] recordHeader = in.readNBytes(11);
        if (recordHeader.length < 11) {
          break;
        }
        int bodyLength = ((recordHeader[0] & 0xFF) << 8) | (recordHeader[1] & 0xFF);
        byte[] record = new byte[11 + bodyLength];
        System.arraycopy(recordHeader, 0, record, 0, 11);
        System.arraycopy(in.readNBytes(bodyLength), 0, record, 11, bodyLength);
        for (byte[] r : records.rewrite(index, record)) {
          if (r == END) {
            return;
          }
          out.write(r);
        }
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      try {
        to.shutdownOutput();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  static byte[] flip(byte[] data, int index) {
    byte[] copy = data.clone();
    copy[index] ^= 0x01;
    return copy;
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
