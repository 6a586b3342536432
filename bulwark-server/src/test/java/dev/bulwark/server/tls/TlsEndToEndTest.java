package dev.bulwark.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.server.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wire: TLS 1.3 by default, 1.2 only with AEAD suites, no older protocol, no plain HTTP. */
class TlsEndToEndTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A raw TLS client that trusts exactly the server's certificate, limited to one protocol. */
  private static SSLSocket socket(String protocol, String... suites) throws Exception {
    SSLContext context = server.sslContext();
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.server().port());
    socket.setSoTimeout(10_000);
    socket.setEnabledProtocols(new String[] {protocol});
    if (suites.length > 0) {
      socket.setEnabledCipherSuites(suites);
    }
    return socket;
  }

  @Test
  void defaultClient_negotiatesTls13() throws Exception {
    try (SSLSocket s = socket("TLSv1.3")) {
      s.startHandshake();
      assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
    }
  }

  @Test
  void tls12WithAnAeadSuite_isAccepted() throws Exception {
    try (SSLSocket s = socket("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")) {
      s.startHandshake();
      assertThat(s.getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    }
  }

  @Test
  void tls12WithCbcSuites_isRefused() throws Exception {
    try (SSLSocket s = socket("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA")) {
      assertThatThrownBy(s::startHandshake).isInstanceOf(IOException.class);
    }
  }

  @Test
  void plainHttpToTheTlsPort_getsNoAnswer() throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.server().port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String answer;
      try {
        answer = new String(in.readNBytes(64), StandardCharsets.ISO_8859_1);
      } catch (IOException reset) {
        answer = "";
      }
      assertThat(answer).doesNotContain("200").doesNotContain("ok");
    }
  }

  @Test
  void untrustedClient_refusesTheSelfSignedCertificate() {
    java.net.http.HttpClient stranger = java.net.http.HttpClient.newHttpClient();
    assertThatThrownBy(() -> stranger.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/healthz")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void explicitHttpOnLoopback_servesPlainHttpWithoutHsts() {
    try (TestServer plain = TestServer.builder().setting("http", "true").start()) {
      assertThat(plain.baseUrl()).startsWith("http://127.0.0.1:");
      TestServer.Response r = plain.get("/healthz", null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Strict-Transport-Security")).isEmpty();
      assertThat(r.header("Content-Security-Policy")).isPresent();
      assertThat(plain.server().certificateFingerprint()).isEmpty();
    }
  }
}
