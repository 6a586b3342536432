package dev.bulwark.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Keep-alive after an answer decided on the headers (a 429, or a handler that ignores the body)
 * while the body is still on its way:
 * the server reads and discards a body within the cap and keeps the connection (no close racing the
 * client's body, which can reset the connection and lose the response: "header parser received no
 * bytes" in java.net.http), and says {@code Connection: close} itself when the body is over the cap.
 */
class KeepAliveTest {

  @RepeatedTest(3)
  void lateBody_isRead_andTheConnectionKept_whetherTheAnswerIs200Or429() throws Exception {
    try (TestServer server = TestServer.builder().module(new TestRoutes())
        .setting("ratelimit.credential_per_minute", "1").start();
        SSLSocket socket = open(server)) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (int i = 0; i < 3; i++) {
        // Headers first, the body a moment later: the answer (a 200 from a handler that ignores the
        // body, then 429s) is decided before the body arrives.
        write(out, "POST /v1/test/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n");
        Thread.sleep(150);
        write(out, "{}");
        String head = readHead(in);
        skipBody(in, head);
        assertThat(head).startsWith(i == 0 ? "HTTP/1.1 200" : "HTTP/1.1 429");
        assertThat(head.toLowerCase(Locale.ROOT)).doesNotContain("\r\nconnection: close");
      }
      write(out, "GET /v1/test/public HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(readHead(in)).as("the same connection answers the next request").startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void refusalOfABodyOverTheCap_saysConnectionClose() throws Exception {
    try (TestServer server = TestServer.builder().module(new TestRoutes()).setting("limits.max_body_bytes", "1024").start();
        SSLSocket socket = open(server)) {
      write(socket.getOutputStream(), "POST /v1/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 5000\r\n\r\n{");
      String head = readHead(socket.getInputStream());
      assertThat(head).startsWith("HTTP/1.1 413");
      assertThat(head.toLowerCase(Locale.ROOT)).contains("\r\nconnection: close");
    }
  }

  @Test
  void refusedChunkedBody_isReadWithinTheCap_andTheConnectionKept() throws Exception {
    try (TestServer server = TestServer.builder().module(new TestRoutes()).start(); SSLSocket socket = open(server)) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      // 415 is decided on the Content-Type header; the chunked body follows later.
      write(out, "POST /v1/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n");
      Thread.sleep(150);
      write(out, "4\r\nabcd\r\n0\r\n\r\n");
      String head = readHead(in);
      skipBody(in, head);
      assertThat(head).startsWith("HTTP/1.1 415");
      assertThat(head.toLowerCase(Locale.ROOT)).doesNotContain("\r\nconnection: close");
      write(out, "GET /v1/test/public HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(readHead(in)).startsWith("HTTP/1.1 200");
    }
  }

  private static SSLSocket open(TestServer server) throws IOException {
    SSLSocket socket = (SSLSocket) server.sslContext().getSocketFactory().createSocket("127.0.0.1", server.server().port());
    socket.setSoTimeout(20_000);
    return socket;
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static void skipBody(InputStream in, String head) throws IOException {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring("content-length:".length()).strip()));
        return;
      }
    }
    throw new AssertionError("no Content-Length in " + head);
  }
}
