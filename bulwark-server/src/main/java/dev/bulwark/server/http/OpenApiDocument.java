package dev.bulwark.server.http;

import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document of the registered routes: each route's path, method, summary, security
 * requirement (the bearer scheme with the route's scope; none for public routes), rate class, path
 * parameters and the shared error schema. Built from the same list {@link RouteRegistrar} registers,
 * so the document cannot drift from what is served (a test compares both ways). Stateless.
 */
public final class OpenApiDocument {
  private static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+)}|<([^>/]+)>");

  private OpenApiDocument() {}

  /** The document as a JSON-ready tree. */
  public static Map<String, Object> of(List<ApiRoute> routes, String version) {
    Map<String, Object> paths = new LinkedHashMap<>();
    for (ApiRoute route : routes) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(openApiPath(route.path()), p -> new LinkedHashMap<>());
      item.put(route.method().name().toLowerCase(Locale.ROOT), operation(route));
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("openapi", "3.1.0");
    document.put("info", Map.of("title", "Bulwark API", "version", version));
    document.put("paths", paths);
    document.put("components", Map.of(
        "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer",
            "description", "An access token from POST /v1/sessions, or an API key bwk_...")),
        "schemas", Map.of("Error", errorSchema()),
        "responses", Map.of("Error", Map.of("description", "A generic, fail-closed error",
            "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error")))))));
    return document;
  }

  /** A Javalin path ({@code /v1/x/{id}}, {@code /v1/secrets/<path>}) in OpenAPI form ({@code /v1/x/{id}}). */
  public static String openApiPath(String javalinPath) {
    Matcher m = PARAMETER.matcher(javalinPath);
    return m.replaceAll(r -> Matcher.quoteReplacement("{" + (r.group(1) != null ? r.group(1) : r.group(2)) + "}"));
  }

  private static Map<String, Object> operation(ApiRoute route) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("summary", route.summary());
    op.put("operationId", route.method().name().toLowerCase(Locale.ROOT) + route.path().replaceAll("[^A-Za-z0-9]+", "_"));
    op.put("security", switch (route.access()) {
      case Access.Public p -> List.of();
      case Access.Authenticated a -> List.of(Map.of("bearer", List.of()));
      case Access.Scoped s -> List.of(Map.of("bearer", List.of(s.scope().wireName())));
    });
    op.put("x-bulwark-rate-class", route.rate().name().toLowerCase(Locale.ROOT));
    List<Object> parameters = new ArrayList<>();
    Matcher m = PARAMETER.matcher(route.path());
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      parameters.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
    }
    if (!parameters.isEmpty()) {
      op.put("parameters", parameters);
    }
    if (route.method() == HandlerType.POST || route.method() == HandlerType.PUT || route.method() == HandlerType.PATCH) {
      String media = route.handler() instanceof RawBody ? "application/octet-stream" : "application/json";
      op.put("requestBody", Map.of("content", Map.of(media, Map.of())));
    }
    op.put("responses", Map.of("200", Map.of("description", "Success"),
        "default", Map.of("$ref", "#/components/responses/Error")));
    return op;
  }

  private static Map<String, Object> errorSchema() {
    return Map.of("type", "object", "required", List.of("error", "message", "error_id"),
        "properties", Map.of(
            "error", Map.of("type", "string", "description", "A stable code such as not_found or rate_limited"),
            "message", Map.of("type", "string", "description", "A generic message"),
            "error_id", Map.of("type", "string", "pattern", "^[0-9a-f]{16}$",
                "description", "Quote it to the operator: it finds the detailed log entry")));
  }
}
