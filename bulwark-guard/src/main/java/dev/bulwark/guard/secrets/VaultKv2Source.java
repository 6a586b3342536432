package dev.bulwark.guard.secrets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Secrets from one path of a HashiCorp Vault KV version 2 engine, read over HTTPS with token
 * authentication ({@code GET /v1/<mount>/data/<path>}, header {@code X-Vault-Token}). Each key of the
 * secret's data is one secret name.
 *
 * {@snippet :
 * SecretSource vault = VaultKv2Source.builder(URI.create("https://vault.internal:8200"), token)
 *     .mount("secret").path("myapp/prod").build();
 * Secrets secrets = Secrets.chain(SecretSource.environment(), vault);
 * }
 *
 * <p>The path is read once, on the first lookup, and kept for the life of the source (build a new
 * source to pick up a new version). A missing path (HTTP 404) means "not here"; every other failure
 * is a {@link SecretsException} that names the HTTP status or the I/O problem, never the token:
 * permission denied (403), a sealed or failing server (5xx), a timeout, a response over {@link
 * #MAX_RESPONSE_BYTES}, malformed JSON, a value that is not a string. Redirects are not followed
 * (the token would go to wherever the redirect points).
 *
 * <p>TLS is required: an {@code http://} address is refused unless the build says {@link
 * Builder#insecurePlainHttpToLoopbackForTests()}, and even then only for {@code localhost},
 * {@code 127.0.0.1} or {@code [::1]}. Thread-safe.
 *
 * <p>Warning: the values are kept as {@code String}s after the read, which cannot be wiped.
 */
public final class VaultKv2Source implements SecretSource {
  /** Largest Vault response read, in bytes. */
  public static final int MAX_RESPONSE_BYTES = 1024 * 1024;

  /** One path segment; segments are split on '/' first, so the pattern never backtracks across them. */
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*");
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
  private static final JsonMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(32)
                          .maxStringLength(MAX_RESPONSE_BYTES)
                          .maxNumberLength(100)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final URI readUri;
  private final Secret token;
  private final String namespace;
  private final Duration timeout;
  private final HttpClient client;
  private final String description;
  private final Object lock = new Object();
  private Map<String, String> values;

  private VaultKv2Source(Builder b) {
    this.readUri = b.address.resolve("/v1/" + b.mount + "/data/" + b.path);
    this.token = b.token;
    this.namespace = b.namespace;
    this.timeout = b.timeout;
    HttpClient.Builder http =
        HttpClient.newBuilder().connectTimeout(b.connectTimeout).followRedirects(HttpClient.Redirect.NEVER);
    if (b.sslContext != null) {
      http.sslContext(b.sslContext);
    }
    this.client = http.build();
    this.description = "Vault KV v2 " + b.address.getScheme() + "://" + b.address.getAuthority() + " " + b.mount + "/" + b.path;
  }

  /**
   * Starts a source for the Vault at {@code address} ({@code https://host:8200}) with a token.
   *
   * @throws IllegalArgumentException if the address is not an absolute https URI without path,
   *     query or user info
   */
  public static Builder builder(URI address, Secret token) {
    return new Builder(address, token);
  }

  @Override
  public Optional<Secret> find(String name) throws SecretsException {
    Secrets.checkName(name);
    String value = values().get(name);
    return value == null ? Optional.empty() : Optional.of(Secret.of(value));
  }

  private Map<String, String> values() throws SecretsException {
    synchronized (lock) {
      if (values == null) {
        values = Map.copyOf(read());
      }
      return values;
    }
  }

  private Map<String, String> read() throws SecretsException {
    HttpRequest.Builder request = HttpRequest.newBuilder(readUri).timeout(timeout).GET()
        .header("X-Vault-Token", token.insecureValue())
        .header("Accept", "application/json");
    if (namespace != null) {
      request.header("X-Vault-Namespace", namespace);
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new SecretsException(description + ": no answer within " + timeout.toMillis() + " ms", e);
    } catch (IOException e) {
      throw new SecretsException(description + ": cannot connect (" + e.getClass().getSimpleName() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SecretsException(description + ": interrupted", e);
    }
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
    } catch (IOException e) {
      throw new SecretsException(description + ": the response broke off (" + e.getClass().getSimpleName() + ")", e);
    }
    int status = response.statusCode();
    return switch (status) {
      case 200 -> parse(body);
      // Vault answers 404 for a path that was never written or whose latest version is deleted.
      case 404 -> Map.of();
      case 401, 403 -> throw new SecretsException(description + ": permission denied (HTTP " + status
          + "): check that the token is valid and its policy allows read on this path");
      case 503 -> throw new SecretsException(description + ": Vault is sealed or unavailable (HTTP 503)");
      default -> throw new SecretsException(description + ": unexpected HTTP status " + status);
    };
  }

  /** Parses a KV v2 read response: {@code {"data":{"data":{NAME:"value",...},"metadata":{...}}}}. */
  Map<String, String> parse(byte[] body) throws SecretsException {
    if (body.length > MAX_RESPONSE_BYTES) {
      throw new SecretsException(description + ": the response is larger than " + MAX_RESPONSE_BYTES + " bytes");
    }
    JsonNode root;
    try (JsonParser parser = JSON.createParser(body)) {
      root = JSON.readTree(parser);
      if (parser.nextToken() != null) {
        throw new SecretsException(description + ": the response has data after the JSON document");
      }
    } catch (IOException e) {
      throw new SecretsException(description + ": the response is not valid JSON", e);
    }
    JsonNode data = root == null ? null : root.path("data").get("data");
    if (data == null || data.isNull()) {
      return Map.of();
    }
    if (!data.isObject()) {
      throw new SecretsException(description + ": the response's data.data is not an object");
    }
    Map<String, String> result = new HashMap<>();
    for (Map.Entry<String, JsonNode> field : data.properties()) {
      String key = field.getKey();
      boolean validName;
      try {
        Secrets.checkName(key);
        validName = true;
      } catch (IllegalArgumentException e) {
        validName = false;
      }
      if (!validName) {
        continue; // A key no caller can ask for; it is not an error of the whole path.
      }
      if (!field.getValue().isTextual()) {
        throw new SecretsException(description + ": the value of " + key + " is not a string");
      }
      result.put(key, field.getValue().textValue());
    }
    return result;
  }

  @Override
  public String description() {
    return description;
  }

  /** Builds a {@link VaultKv2Source}; every setter rejects a bad value at once. Not thread-safe. */
  public static final class Builder {
    private final URI address;
    private final Secret token;
    private String mount = "secret";
    private String path;
    private String namespace;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration timeout = Duration.ofSeconds(10);
    private SSLContext sslContext;
    private boolean plainHttpToLoopback;

    private Builder(URI address, Secret token) {
      this.address = Objects.requireNonNull(address, "address");
      this.token = Objects.requireNonNull(token, "token");
      if (!address.isAbsolute() || address.getHost() == null || address.getRawUserInfo() != null
          || address.getRawQuery() != null || address.getRawFragment() != null
          || !(address.getRawPath() == null || address.getRawPath().isEmpty() || address.getRawPath().equals("/"))) {
        throw new IllegalArgumentException("the Vault address must be scheme://host[:port] with nothing else");
      }
      String scheme = asciiLowerCase(address.getScheme());
      if (!scheme.equals("https") && !scheme.equals("http")) {
        throw new IllegalArgumentException("the Vault address must be https://host[:port]");
      }
    }

    /** The KV v2 engine's mount path (default {@code secret}). */
    public Builder mount(String mount) {
      this.mount = checkPath(mount, "mount");
      return this;
    }

    /** The secret's path under the mount, such as {@code myapp/prod}. Required. */
    public Builder path(String path) {
      this.path = checkPath(path, "path");
      return this;
    }

    /** A Vault Enterprise namespace, sent as {@code X-Vault-Namespace}. */
    public Builder namespace(String namespace) {
      this.namespace = checkPath(namespace, "namespace");
      return this;
    }

    /** Time to connect (default 5 s, at most 60 s). */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = checkTimeout(connectTimeout);
      return this;
    }

    /** Time for the whole request (default 10 s, at most 60 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = checkTimeout(timeout);
      return this;
    }

    /** The TLS context, for a Vault behind a private certificate authority (default: the JDK's). */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /**
     * Allows an {@code http://} address for {@code localhost}, {@code 127.0.0.1} or {@code [::1]}
     * only: a test server or a Vault agent listening on loopback. The token then travels in clear
     * text on the loopback interface.
     */
    public Builder insecurePlainHttpToLoopbackForTests() {
      this.plainHttpToLoopback = true;
      return this;
    }

    /**
     * @throws IllegalArgumentException if no path was set, or the address is {@code http://} without
     *     the loopback opt-out or to another host
     */
    public VaultKv2Source build() {
      if (path == null) {
        throw new IllegalArgumentException("set the secret's path with path(...)");
      }
      if (asciiLowerCase(address.getScheme()).equals("http")
          && !(plainHttpToLoopback && LOOPBACK.contains(asciiLowerCase(address.getHost())))) {
        throw new IllegalArgumentException("Vault must be reached over https:// (plain http only to a loopback"
            + " address, with insecurePlainHttpToLoopbackForTests())");
      }
      return new VaultKv2Source(this);
    }

    private static String checkPath(String value, String what) {
      boolean valid = value != null && !value.isEmpty() && value.length() <= 512;
      if (valid) {
        for (String segment : value.split("/", -1)) {
          valid &= SEGMENT.matcher(segment).matches();
        }
      }
      if (!valid) {
        throw new IllegalArgumentException("the Vault " + what
            + " must be segments of [A-Za-z0-9_.-] separated by '/', not starting with '.'");
      }
      return value;
    }

    /**
     * Lower-cases ASCII letters only: schemes and the loopback names are ASCII, and a locale- or
     * Unicode-aware mapping could turn a look-alike character into one of them.
     */
    private static String asciiLowerCase(String text) {
      StringBuilder out = new StringBuilder(text.length());
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
      }
      return out.toString();
    }

    private static Duration checkTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
        throw new IllegalArgumentException("a timeout must be more than 0 and at most 60 s");
      }
      return timeout;
    }
  }
}
