package dev.bulwark.auth.breached;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A minimal HTTP/1.1 server on loopback for the range API tests (the JDK's com.sun.net.httpserver
 * is not readable from this module's tests). One response per connection, then close. It records
 * each request path and its {@code Add-Padding} header.
 */
final class RangeApiServer implements AutoCloseable {
  /** What to send: status, extra header lines (CRLF-terminated) and body for a request path. */
  record Reply(int status, String headers, String body, long bodyDelayMillis) {
    Reply(int status, String headers, String body) {
      this(status, headers, body, 0);
    }
  }

  final List<String> paths = new CopyOnWriteArrayList<>();
  final List<String> paddingHeaders = new CopyOnWriteArrayList<>();
  private final ServerSocket socket;
  private final Function<String, Reply> handler;
  private final Thread acceptor;

  RangeApiServer(Function<String, Reply> handler) throws IOException {
    this.handler = handler;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/range/");
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        Thread.ofVirtual().start(() -> answer(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void answer(Socket s) {
    try (s) {
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      String requestLine = in.readLine();
      if (requestLine == null) {
        return;
      }
      String padding = "absent";
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("add-padding")) {
          padding = line.substring(colon + 1).trim();
        }
      }
      String path = requestLine.split(" ")[1];
      paths.add(path);
      paddingHeaders.add(padding);
      Reply reply = handler.apply(path);
      byte[] body = reply.body().getBytes(StandardCharsets.US_ASCII);
      OutputStream out = s.getOutputStream();
      out.write(("HTTP/1.1 " + reply.status() + " X\r\nContent-Length: " + body.length + "\r\n" + reply.headers()
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      if (reply.bodyDelayMillis() > 0) {
        out.write(body, 0, 1);
        out.flush();
        Thread.sleep(reply.bodyDelayMillis());
        out.write(body, 1, body.length - 1);
      } else {
        out.write(body);
      }
      out.flush();
    } catch (IOException e) {
      // The client gave up (timeout test): nothing to answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    acceptor.interrupt();
  }
}
