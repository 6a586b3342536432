package dev.bulwark.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.tls.TlsFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver against a real HTTPS server: the bare target on a generated certificate. */
class ClosedLoopTest {
  private static final byte[] BODY = "{\"value\":\"x\"}".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path data;
  @TempDir static Path otherData;
  private static BareTarget target;

  @BeforeAll
  static void start() throws Exception {
    target = BareTarget.start(TlsFiles.load(Optional.empty(), Optional.empty(), data, Clock.systemUTC()), new CapturedResponse(200,
        List.of(Map.entry("X-Content-Type-Options", "nosniff"), Map.entry("Content-Type", "application/json")), BODY));
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  @Test
  void bareTarget_replaysCapturedHeadersAndBody() throws Exception {
    try (HttpClient http = pinnedTo(data)) {
      HttpResponse<byte[]> answer = http.send(read(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo(BODY);
      assertThat(answer.headers().firstValue("x-content-type-options")).contains("nosniff");
      assertThat(CapturedResponse.of(answer).headers()).extracting(Map.Entry::getKey)
          .noneMatch(name -> name.equalsIgnoreCase("date") || name.equalsIgnoreCase("content-length"));
    }
  }

  @Test
  void expectedAnswers_countedWithLatencies() throws Exception {
    try (HttpClient http = pinnedTo(data)) {
      LoadResult result = loop(http, r -> r.statusCode() == 200 && Arrays.equals(r.body(), BODY)).run("ok", ProcessCpu.of(-1));
      assertThat(result.ok()).isPositive();
      assertThat(result.errors()).isZero();
      assertThat(result.perSecond()).isPositive();
      assertThat(result.p99Micros()).isGreaterThanOrEqualTo(result.p50Micros());
      assertThat(result.serverCpuSeconds()).isEqualTo(-1.0);
      assertThat(result.line()).startsWith("result ok clients=2 ").contains(" errors=0 ");
    }
  }

  @Test
  void wrongAnswers_countedAsErrorsNeverAsSuccesses() throws Exception {
    try (HttpClient http = pinnedTo(data)) {
      LoadResult result = loop(http, r -> r.statusCode() == 200 && r.body().length == BODY.length + 1).run("bad", ProcessCpu.of(-1));
      assertThat(result.ok()).isZero();
      assertThat(result.errors()).isPositive();
    }
  }

  @Test
  void serverWithAnotherCertificate_man_in_the_middle_refused() throws Exception {
    TlsFiles.load(Optional.empty(), Optional.empty(), otherData, Clock.systemUTC());
    try (HttpClient http = pinnedTo(otherData)) {
      LoadResult result = loop(http, r -> true).run("mitm", ProcessCpu.of(-1));
      assertThat(result.ok()).isZero();
      assertThat(result.errors()).isPositive();
    }
  }

  private static ClosedLoop loop(HttpClient http, java.util.function.Predicate<HttpResponse<byte[]>> check) {
    return new ClosedLoop(http, 2, Duration.ofMillis(300), Duration.ofSeconds(1), i -> read(), check);
  }

  private static HttpRequest read() {
    return HttpRequest.newBuilder(URI.create(target.baseUrl() + "/v1/secrets/app/db")).timeout(Duration.ofSeconds(10)).build();
  }

  private static HttpClient pinnedTo(Path dataDir) throws Exception {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(PinnedTls.trusting(dataDir.resolve("tls").resolve("cert.pem"))).build();
  }
}
