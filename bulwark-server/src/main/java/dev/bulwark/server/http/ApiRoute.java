package dev.bulwark.server.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;

/**
 * One API route as the server registers it and as {@code /openapi.json} documents it.
 *
 * @param method the HTTP method
 * @param path a Javalin path such as {@code /v1/secrets/<path>} or {@code /v1/api-keys/{id}}
 * @param access what the caller must present; checked by the server before {@code handler} runs
 * @param rate the rate-limit budget
 * @param summary one line for the OpenAPI document
 * @param handler the endpoint; it reads the caller with {@link Principal#of}
 */
public record ApiRoute(HandlerType method, String path, Access access, RateClass rate, String summary, Handler handler) {
  public ApiRoute {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(rate, "rate");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(handler, "handler");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /");
    }
  }
}
