package dev.bulwark.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.guard.Limits;
import dev.bulwark.guard.json.HardenedJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The few Bulwark API calls the benchmark makes outside its measured loops (register, verify,
 * log in, store a secret), and the requests the loops send, built here so the setup and the loops
 * speak the same contract. Every call checks its status: a setup step that fails stops the
 * benchmark with the server's generic error body, never with a guess. Thread-safe.
 *
 * @param http the pinned HTTPS client
 * @param baseUrl {@code https://127.0.0.1:port}
 */
public record BenchApi(HttpClient http, String baseUrl) {
  static final ObjectMapper JSON = HardenedJson.mapper(Limits.defaults());
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Checks both parts are present. */
  public BenchApi {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(baseUrl, "baseUrl");
  }

  /** {@code POST /v1/accounts}: registers {@code username} (the server mails a verification token). */
  public void register(String username, String email, String password) throws IOException, InterruptedException {
    expect(send(post("/v1/accounts", Map.of("username", username, "email", email, "password", password))), 201, 202, 200, 204);
  }

  /** {@code POST /v1/accounts/verify} with the token from the verification mail. */
  public void verify(String token) throws IOException, InterruptedException {
    expect(send(post("/v1/accounts/verify", Map.of("token", token))), 200, 204);
  }

  /** {@code POST /v1/sessions}: logs in, returns the access JWT. */
  public String login(String login, String password) throws IOException, InterruptedException {
    HttpResponse<byte[]> answer = expect(send(loginRequest(login, password)), 200, 201);
    return accessToken(answer);
  }

  /** {@code PUT /v1/secrets/<path>} with {@code value}, authenticated by {@code accessToken}. */
  public void putSecret(String accessToken, String path, String value) throws IOException, InterruptedException {
    HttpRequest put = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/secrets/" + path)).timeout(TIMEOUT)
        .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("value", value)))).build();
    expect(send(put), 200, 201, 204);
  }

  /** The measured secret read: {@code GET <base>/v1/secrets/<path>} with a bearer token. */
  public static HttpRequest secretRead(String base, String path, String accessToken) {
    return authenticatedGet(base, "/v1/secrets/" + path, accessToken);
  }

  /** {@code GET <base><path>} with a bearer token. */
  public static HttpRequest authenticatedGet(String base, String path, String accessToken) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
        .header("Authorization", "Bearer " + accessToken).GET().build();
  }

  /** The measured login: {@code POST /v1/sessions} with {@code {"login", "password"}}. */
  public HttpRequest loginRequest(String login, String password) {
    return post("/v1/sessions", Map.of("login", login, "password", password));
  }

  /** The access token of a login answer, or an exception if it has none. */
  public static String accessToken(HttpResponse<byte[]> answer) {
    try {
      JsonNode token = JSON.readTree(answer.body()).get("access_token");
      if (token == null || !token.isTextual()) {
        throw new IllegalStateException("the login answer has no access_token");
      }
      return token.asText();
    } catch (IOException e) {
      throw new UncheckedIOException("the login answer is not JSON", e);
    }
  }

  /** Sends {@code request}, reading the whole body. */
  public HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest post(String path, Map<String, String> body) {
    try {
      return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpResponse<byte[]> expect(HttpResponse<byte[]> answer, int... statuses) throws IOException {
    for (int status : statuses) {
      if (answer.statusCode() == status) {
        return answer;
      }
    }
    throw new IOException(answer.request().method() + " " + answer.uri().getPath() + " answered " + answer.statusCode()
        + ": " + new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
  }
}
