package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code bulwark password check --online} against a fake range API: a real HTTP server on loopback
 * (com.sun.net.httpserver) that answers like api.pwnedpasswords.com, or fails, or stalls.
 */
class PasswordCheckOnlineTest {
  private static final String PASSWORD = "violet kettle mosaic drift";

  /** How the fake service behaves. */
  private enum Mode { LISTS_IT, LISTS_OTHERS, ERROR_500, STALLS }

  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<String> padding = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.LISTS_OTHERS;
  private HttpServer server;

  private String start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/range/", exchange -> {
      paths.add(exchange.getRequestURI().getPath());
      padding.add(String.valueOf(exchange.getRequestHeaders().getFirst("Add-Padding")));
      try (exchange) {
        if (mode == Mode.STALLS) {
          sleep(4_000);
        }
        if (mode == Mode.ERROR_500) {
          exchange.sendResponseHeaders(500, -1);
          return;
        }
        String suffix = sha1Hex(PASSWORD).substring(5);
        StringBuilder body = new StringBuilder("0018A45C4D1DEF81644B54AB7F969B88D65:3\r\n");
        body.append(mode == Mode.LISTS_IT ? suffix + ":52\r\n" : suffix + ":0\r\n"); // count 0 = padding
        body.append("00D4F6E8FA6EECAD2A3AA415EEC418D38EC:2");
        byte[] bytes = body.toString().getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      } catch (IOException e) {
        // the client gave up (timeout test): nothing to answer
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/range/";
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void listedPassword_isRejectedAsBreached_andOnlyAFiveCharPrefixLeaves() throws Exception {
    String url = start();
    mode = Mode.LISTS_IT;
    RawCliRun run = RawCliRun.inProcess(PASSWORD + "\n", "password", "check", "--online", "--range-url", url);
    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
    assertThat(run.stdout()).startsWith("rejected\n").contains("breached: ");
    String prefix = sha1Hex(PASSWORD).substring(0, 5);
    assertThat(paths).isNotEmpty().allMatch(p -> p.equals("/range/" + prefix));
    assertThat(padding).allMatch("true"::equals);
  }

  @Test
  void unlistedPassword_paddingLineWithCountZero_isAcceptable() throws Exception {
    String url = start();
    RawCliRun run = RawCliRun.inProcess(PASSWORD + "\n", "password", "check", "--online", "--range-url", url);
    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(run.stdout()).startsWith("acceptable\n");
    assertThat(paths).isNotEmpty();
  }

  @Test
  void serviceTimesOut_failsClosed_withinTheDeadline() throws Exception {
    String url = start();
    mode = Mode.STALLS;
    long start = System.nanoTime();
    RawCliRun run = RawCliRun.inProcess(PASSWORD + "\n", "password", "check", "--online", "--range-url", url,
        "--timeout-ms", "300");
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).startsWith("rejected\n").contains("screening_unavailable: ");
    assertThat(elapsedMs).as("bounded by the timeout, not the 4 s stall").isLessThan(3_500);
  }

  @Test
  void serverError_failsClosed() throws Exception {
    String url = start();
    mode = Mode.ERROR_500;
    RawCliRun run = RawCliRun.inProcess(PASSWORD + "\n", "password", "check", "--online", "--range-url", url);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).contains("screening_unavailable: ");
  }

  @Test
  void failOpen_timeout_acceptsButWarnsOnStderr() throws Exception {
    String url = start();
    mode = Mode.STALLS;
    RawCliRun run = RawCliRun.inProcess(PASSWORD + "\n", "password", "check", "--online", "--fail-open",
        "--range-url", url, "--timeout-ms", "300");
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).startsWith("acceptable\n");
    assertThat(run.stderr()).contains("warning: the range API did not answer").contains("--fail-open");
  }

  @Test
  void failOpen_listedPassword_isStillRejected() throws Exception {
    String url = start();
    mode = Mode.LISTS_IT;
    RawCliRun run = RawCliRun.inProcess(PASSWORD + "\n", "password", "check", "--online", "--fail-open",
        "--range-url", url);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).contains("breached: ");
    assertThat(run.stderr()).doesNotContain("warning");
  }

  @Test
  void onlineFlagsWithoutOnline_plainHttpToARemoteHost_badTimeout_areUsageErrors() {
    for (String[] args : List.of(
        new String[] {"--fail-open"},
        new String[] {"--range-url", "http://127.0.0.1:1/range/"},
        new String[] {"--online", "--range-url", "http://example.com/range/"},
        new String[] {"--online", "--timeout-ms", "0"},
        new String[] {"--online", "--timeout-ms", "30001"})) {
      String[] all = new String[args.length + 2];
      all[0] = "password";
      all[1] = "check";
      System.arraycopy(args, 0, all, 2, args.length);
      RawCliRun run = RawCliRun.inProcess(PASSWORD + "\n", all);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.stdout()).isEmpty();
    }
  }

  @Test
  void asProcess_listedPassword_exit1_andPasswordNeverInOutput() throws Exception {
    String url = start();
    mode = Mode.LISTS_IT;
    CliRun run = CliRun.asProcess((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8), "password", "check", "--online",
        "--range-url", url);
    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
    assertThat(run.stdout()).contains("breached: ");
    assertThat(run.stdout() + run.stderr()).doesNotContain("kettle");
  }

  private static String sha1Hex(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).toUpperCase(Locale.ROOT);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
