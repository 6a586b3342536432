package dev.bulwark.auth.breached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the client against a local server that speaks the documented range API
 * (https://haveibeenpwned.com/API/v3#SearchingPwnedPasswordsByRange): GET /range/{5 hex}, answer
 * {@code SUFFIX:COUNT} lines, padded with count-0 lines when {@code Add-Padding: true}.
 */
class PwnedPasswordsClientTest {
  private static final String PASSWORD = "P@ssw0rd-from-a-breach"; // bulwark:ignore BWK-SECRET-012 test fixture, not a credential

  private RangeApiServer server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private static String hex(String password) {
    return HexFormat.of().withUpperCase().formatHex(Sha1Keys.sha1(password));
  }

  /** Starts a range server answering {@code status} with body {@code body.apply(prefix)}. */
  private URI serve(int status, Function<String, String> body) throws IOException {
    if (server != null) {
      server.close();
    }
    server = new RangeApiServer(path -> new RangeApiServer.Reply(status, "", body.apply(path.substring("/range/".length()))));
    return server.base();
  }

  /** A padded answer: 800 random-looking suffixes with count 0, plus the real entries. */
  private static String padded(String realLines) {
    StringBuilder b = new StringBuilder(realLines);
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    for (int i = 0; i < 800; i++) {
      byte[] s = new byte[18];
      r.nextBytes(s);
      b.append(HexFormat.of().withUpperCase().formatHex(s), 0, 35).append(":0\r\n");
    }
    return b.toString();
  }

  private PwnedPasswordsClient client(URI base, FailureMode mode) {
    return PwnedPasswordsClient.builder().baseUri(base).timeout(Duration.ofSeconds(2)).failureMode(mode).build();
  }

  @Test
  void breachedPassword_isFound_andOnlyTheFiveCharPrefixLeaves_withPadding() throws Exception {
    String hex = hex(PASSWORD);
    URI base = serve(200, prefix -> padded(hex.substring(5) + ":52\r\n"));
    assertThat(client(base, FailureMode.FAIL_CLOSED).screen(PASSWORD)).isEqualTo(ScreenVerdict.FOUND);
    assertThat(server.paths).containsExactly("/range/" + hex.substring(0, 5));
    assertThat(server.paddingHeaders).containsExactly("true");
  }

  @Test
  void lowerCaseSuffix_matches_andUnlistedPassword_isNotFound() throws Exception {
    String hex = hex(PASSWORD);
    URI base = serve(200, prefix -> hex.substring(5).toLowerCase(Locale.ROOT) + ":3\n");
    PwnedPasswordsClient c = client(base, FailureMode.FAIL_CLOSED);
    assertThat(c.screen(PASSWORD)).isEqualTo(ScreenVerdict.FOUND);
    assertThat(c.screen("a different passphrase")).isEqualTo(ScreenVerdict.NOT_FOUND);
  }

  @Test
  void paddingEntryWithCountZero_isNotABreach() throws Exception {
    String hex = hex(PASSWORD);
    URI base = serve(200, prefix -> padded(hex.substring(5) + ":0\r\n"));
    assertThat(client(base, FailureMode.FAIL_CLOSED).screen(PASSWORD)).isEqualTo(ScreenVerdict.NOT_FOUND);
  }

  @Test
  void serverError_failsClosedByDefault_andOpenOnlyWhenAskedTo() throws Exception {
    URI base = serve(503, prefix -> "busy");
    assertThat(PwnedPasswordsClient.builder().baseUri(base).build().screen(PASSWORD)).isEqualTo(ScreenVerdict.UNAVAILABLE);
    assertThat(PwnedPasswordsClient.builder().build().failureMode()).isEqualTo(FailureMode.FAIL_CLOSED);
    assertThat(client(base, FailureMode.FAIL_OPEN).screen(PASSWORD)).isEqualTo(ScreenVerdict.NOT_FOUND);
  }

  @Test
  void malformedOrOversizedBody_isUnavailable() throws Exception {
    String suffix = hex(PASSWORD).substring(5);
    for (String body : new String[] {
      "<html>not the range API</html>",
      suffix + ":many\r\n",
      suffix + ":-5\r\n",
      suffix.substring(1) + ":5\r\n",
      (suffix + ":1\r\n").repeat(PwnedPasswordsClient.MAX_RESPONSE_BYTES / 38 + 1)
    }) {
      URI base = serve(200, prefix -> body);
      assertThat(client(base, FailureMode.FAIL_CLOSED).screen(PASSWORD)).as(body.substring(0, Math.min(40, body.length())))
          .isEqualTo(ScreenVerdict.UNAVAILABLE);
    }
  }

  @Test
  void slowServer_timesOut_failClosed() throws Exception {
    URI base = serve(200, prefix -> {
      try {
        Thread.sleep(3_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "";
    });
    PwnedPasswordsClient c = PwnedPasswordsClient.builder().baseUri(base).timeout(Duration.ofMillis(300)).build();
    long start = System.nanoTime();
    assertThat(c.screen(PASSWORD)).isEqualTo(ScreenVerdict.UNAVAILABLE);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
  }

  /** Headers at once, then a body that trickles: HttpRequest.timeout alone would not end this. */
  @Test
  void tricklingBody_isCutAtTheTimeout_failClosed() throws Exception {
    String suffix = hex(PASSWORD).substring(5);
    server = new RangeApiServer(path -> new RangeApiServer.Reply(200, "", suffix + ":9\r\n", 4_000));
    PwnedPasswordsClient c = PwnedPasswordsClient.builder().baseUri(server.base()).timeout(Duration.ofMillis(500)).build();
    long start = System.nanoTime();
    assertThat(c.screen(PASSWORD)).isEqualTo(ScreenVerdict.UNAVAILABLE);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3_000));
  }

  @Test
  void redirect_isNotFollowed() throws Exception {
    server = new RangeApiServer(path -> new RangeApiServer.Reply(302, "Location: http://127.0.0.1:1/elsewhere\r\n", ""));
    URI base = server.base();
    assertThat(client(base, FailureMode.FAIL_CLOSED).screen(PASSWORD)).isEqualTo(ScreenVerdict.UNAVAILABLE);
  }

  @Test
  void unreachableServer_isUnavailable() {
    URI base = URI.create("http://127.0.0.1:1/range/");
    assertThat(client(base, FailureMode.FAIL_CLOSED).screen(PASSWORD)).isEqualTo(ScreenVerdict.UNAVAILABLE);
  }

  @Test
  void builder_rejectsPlainHttpToRemoteHosts_andUnboundedTimeouts() {
    var b = PwnedPasswordsClient.builder();
    assertThatThrownBy(() -> b.baseUri(URI.create("http://api.pwnedpasswords.com/range/")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    assertThatThrownBy(() -> b.baseUri(URI.create("ftp://127.0.0.1/"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.baseUri(URI.create("https://mirror.example/range/?x=1"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.timeout(Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class);
    b.baseUri(URI.create("https://mirror.example/range"));
  }
}
