package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark serve} as a real process: starts on HTTPS, prints URL and fingerprint, refuses bad config. */
class ServeCommandTest {
  @TempDir Path dir;
  private Process process;

  @AfterEach
  void stop() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  @Test
  void serve_printsUrlAndFingerprint_andAnswersOverHttps() throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "serve", "--listen", "127.0.0.1:0", "--data", dir.resolve("data").toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("BULWARK_"));
    process = builder.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String url = null;
    String fingerprint = null;
    StringBuilder seen = new StringBuilder();
    while (url == null || fingerprint == null) {
      String line = out.readLine();
      if (line == null) {
        break;
      }
      seen.append(line).append('\n');
      Matcher m = Pattern.compile("listening on (https://127\\.0\\.0\\.1:\\d+)").matcher(line);
      if (m.find()) {
        url = m.group(1);
      }
      Matcher f = Pattern.compile("fingerprint: ([0-9A-F:]{95})").matcher(line);
      if (f.find()) {
        fingerprint = f.group(1);
      }
    }
    assertThat(url).as(seen + Files.readString(dir.resolve("stderr.txt"))).isNotNull();
    assertThat(seen.toString()).contains("WARNING: generated a new root key");
    X509Certificate cert;
    try (InputStream in = Files.newInputStream(dir.resolve("data/tls/cert.pem"))) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    String actual = HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()))
        .toUpperCase(Locale.ROOT);
    assertThat(fingerprint).isEqualTo(actual);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("bulwark", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    HttpResponse<String> health = HttpClient.newBuilder().sslContext(tls).build()
        .send(HttpRequest.newBuilder(URI.create(url + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.headers().firstValue("Strict-Transport-Security")).isPresent();
    process.destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void serve_plainHttpOnAPublicAddress_exits2NamingTheSetting() {
    CliRun run = CliRun.inProcess("serve", "--http", "--listen", "0.0.0.0:0", "--data", dir.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr().strip()).startsWith("bulwark serve: setting 'http'").doesNotContain("Exception");
    assertThat(run.stderr().strip().lines().count()).isEqualTo(1);
  }

  @Test
  void serve_badConfigFile_exits2NamingTheSetting() throws Exception {
    Path config = dir.resolve("bulwark.yaml");
    Files.writeString(config, "ratelimit:\n  credential_per_minute: -1\n");
    CliRun run = CliRun.inProcess("serve", "--config", config.toString(), "--data", dir.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("setting 'ratelimit.credential_per_minute'");
  }
}
