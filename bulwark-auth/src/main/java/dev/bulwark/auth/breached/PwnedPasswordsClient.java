package dev.bulwark.auth.breached;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Online breached-password screen over the Have I Been Pwned range API with k-anonymity: only the
 * first 5 hex digits of the password's SHA-1 leave the process; the service returns every suffix
 * under that prefix and the match happens here. Requests carry {@code Add-Padding: true} so that the
 * response size does not tell an observer which prefix (and so which password) was asked about.
 *
 * {@snippet :
 * PwnedPasswordsClient hibp = PwnedPasswordsClient.builder()
 *     .timeout(Duration.ofSeconds(2))
 *     .build();                       // fail closed: an outage refuses the password
 * ScreenVerdict v = hibp.screen(candidate);
 * }
 *
 * <p>Fail-closed by default ({@link FailureMode}): a timeout (the whole exchange, body included), a non-200 status, a redirect, a body
 * over {@value #MAX_RESPONSE_BYTES} bytes or one malformed line gives {@link
 * ScreenVerdict#UNAVAILABLE}. Redirects are not followed. The base URI must be https (plain http is
 * accepted only for a loopback mirror). Thread-safe: one {@link HttpClient} is shared.
 */
public final class PwnedPasswordsClient implements PasswordScreen {
  /** The public range API. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://api.pwnedpasswords.com/range/");

  /** Default request timeout (connect and response). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  /** Longest accepted timeout: a registration form must not hang on this check. */
  public static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

  /** Bound on the response body: a padded range answer is about 40 KB, so this is 25 times that. */
  public static final int MAX_RESPONSE_BYTES = 1 << 20;

  private static final int PREFIX_CHARS = 5;
  private static final int SUFFIX_CHARS = 35;
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

  private final URI baseUri;
  private final Duration timeout;
  private final FailureMode failureMode;
  private final HttpClient http;

  private PwnedPasswordsClient(Builder b) {
    this.baseUri = b.baseUri;
    this.timeout = b.timeout;
    this.failureMode = b.failureMode;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** A builder with the defaults: the public API, {@link #DEFAULT_TIMEOUT}, fail closed. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ScreenVerdict screen(CharSequence password) {
    Objects.requireNonNull(password, "password");
    String hex = Sha1Keys.hexUpper(Sha1Keys.sha1(password));
    String suffix = hex.substring(PREFIX_CHARS);
    HttpRequest request =
        HttpRequest.newBuilder(baseUri.resolve(hex.substring(0, PREFIX_CHARS)))
            .timeout(timeout)
            .header("Add-Padding", "true")
            .header("User-Agent", "bulwark-breached-screen")
            .GET()
            .build();
    // HttpRequest.timeout covers only the wait for the headers; the deadline on the future also
    // bounds a body that trickles in, and the limiting handler bounds its size.
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(request, HttpResponse.BodyHandlers.limiting(HttpResponse.BodyHandlers.ofByteArray(), MAX_RESPONSE_BYTES));
    try {
      HttpResponse<byte[]> response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (response.statusCode() != 200) {
        return failed();
      }
      return match(new String(response.body(), StandardCharsets.US_ASCII), suffix);
    } catch (ExecutionException | TimeoutException e) {
      future.cancel(true);
      return failed();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return failed();
    }
  }

  /** FOUND if a line has our suffix and a count above 0 (padding lines have count 0). */
  private ScreenVerdict match(String body, String suffix) {
    boolean found = false;
    for (String line : body.split("\r?\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon != SUFFIX_CHARS || line.length() > SUFFIX_CHARS + 20 || !isHex(line, SUFFIX_CHARS)) {
        return failed();
      }
      long count;
      try {
        count = Long.parseLong(line, colon + 1, line.length(), 10);
      } catch (NumberFormatException e) {
        return failed();
      }
      if (count < 0) {
        return failed();
      }
      if (count > 0 && line.regionMatches(true, 0, suffix, 0, SUFFIX_CHARS)) {
        found = true;
      }
    }
    return found ? ScreenVerdict.FOUND : ScreenVerdict.NOT_FOUND;
  }

  private static boolean isHex(String s, int n) {
    for (int i = 0; i < n; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private ScreenVerdict failed() {
    return switch (failureMode) {
      case FAIL_CLOSED -> ScreenVerdict.UNAVAILABLE;
      case FAIL_OPEN -> ScreenVerdict.NOT_FOUND;
    };
  }

  /** The failure mode in force. */
  public FailureMode failureMode() {
    return failureMode;
  }

  /** Configures a {@link PwnedPasswordsClient}; every setter rejects a bad value at once. */
  public static final class Builder {
    private URI baseUri = DEFAULT_BASE_URI;
    private Duration timeout = DEFAULT_TIMEOUT;
    private FailureMode failureMode = FailureMode.FAIL_CLOSED;

    private Builder() {}

    /**
     * A mirror of the range API ({@code GET base + 5 hex digits}).
     *
     * @throws IllegalArgumentException unless https, or http on a loopback host
     */
    public Builder baseUri(URI uri) {
      Objects.requireNonNull(uri, "uri");
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean loopback = uri.getHost() != null && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
      if (!(scheme.equals("https") || (scheme.equals("http") && loopback))) {
        throw new IllegalArgumentException("the range API base URI must be https (http only on a loopback host)");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException("the range API base URI must not have a query or fragment");
      }
      String s = uri.toString();
      this.baseUri = s.endsWith("/") ? uri : URI.create(s + "/");
      return this;
    }

    /**
     * Connect and response timeout.
     *
     * @throws IllegalArgumentException unless in (0, {@link #MAX_TIMEOUT}]
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException("timeout must be in (0, " + MAX_TIMEOUT.toSeconds() + " s]");
      }
      this.timeout = timeout;
      return this;
    }

    /** What an unreachable or misbehaving service means; {@link FailureMode#FAIL_CLOSED} by default. */
    public Builder failureMode(FailureMode mode) {
      this.failureMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** The client. */
    public PwnedPasswordsClient build() {
      return new PwnedPasswordsClient(this);
    }
  }
}
