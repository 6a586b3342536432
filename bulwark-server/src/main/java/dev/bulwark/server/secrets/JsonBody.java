package dev.bulwark.server.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A request's JSON object body, read with the server's hardened mapper, with typed accessors that
 * refuse anything off-contract: a body that is not one JSON object, a field the route does not
 * know, a field of the wrong type, a negative or fractional number, bad base64. Every refusal is
 * the same 400 with a generic message; nothing of the input is echoed. Also writes JSON responses.
 *
 * {@snippet :
 * JsonBody body = JsonBody.read(json, ctx, Set.of("value", "cas"));
 * String value = body.requiredString("value");
 * OptionalInt cas = body.optionalInt("cas");
 * }
 *
 * <p>Immutable once read; use from one request thread.
 */
public final class JsonBody {
  private final ObjectNode node;

  private JsonBody(ObjectNode node) {
    this.node = node;
  }

  /**
   * Reads the body; an empty body is an empty object (for routes whose fields are all optional).
   *
   * @throws PublicError 400 if it is not a JSON object or names a field outside {@code allowed}
   */
  public static JsonBody read(ObjectMapper json, Context ctx, Set<String> allowed) throws PublicError {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      return new JsonBody(JsonNodeFactory.instance.objectNode());
    }
    JsonNode parsed;
    try {
      parsed = json.readTree(bytes);
    } catch (IOException e) {
      throw invalid("request body is not JSON");
    }
    if (!(parsed instanceof ObjectNode object)) {
      throw invalid("request body is not a JSON object");
    }
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      if (!allowed.contains(names.next())) {
        throw invalid("request body has an unknown field");
      }
    }
    return new JsonBody(object);
  }

  /** A string field that must be present. */
  public String requiredString(String field) throws PublicError {
    return optionalString(field).orElseThrow(() -> invalid("missing string field"));
  }

  /** A string field, if present (null counts as absent). */
  public Optional<String> optionalString(String field) throws PublicError {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw invalid("field is not a string");
    }
    return Optional.of(value.textValue());
  }

  /**
   * An object field whose members are all strings, if present (null counts as absent), in the order
   * given. Limits on the members belong to the caller's type (the body cap bounds the size here).
   */
  public Optional<Map<String, String>> optionalStringMap(String field) throws PublicError {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      throw invalid("field is not an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> member : value.properties()) {
      if (!member.getValue().isTextual()) {
        throw invalid("object member is not a string");
      }
      out.put(member.getKey(), member.getValue().textValue());
    }
    return Optional.of(out);
  }

  /** A non-negative integer field that fits an {@code int}, if present. */
  public OptionalInt optionalInt(String field) throws PublicError {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(nonNegativeInt(value));
  }

  /** A list of non-negative integers (at most {@code maxItems}); empty when absent. */
  public List<Integer> intList(String field, int maxItems) throws PublicError {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray() || value.size() > maxItems) {
      throw invalid("field is not a short array");
    }
    List<Integer> out = new ArrayList<>(value.size());
    for (JsonNode item : value) {
      out.add(nonNegativeInt(item));
    }
    return List.copyOf(out);
  }

  /** A standard base64 string field decoded to bytes; empty bytes when absent and optional. */
  public byte[] base64(String field, boolean required) throws PublicError {
    Optional<String> text = required ? Optional.of(requiredString(field)) : optionalString(field);
    if (text.isEmpty()) {
      return new byte[0];
    }
    try {
      return Base64.getDecoder().decode(text.get());
    } catch (IllegalArgumentException e) {
      throw invalid("field is not base64");
    }
  }

  private static int nonNegativeInt(JsonNode value) throws PublicError {
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
      throw invalid("field is not a non-negative integer");
    }
    return value.intValue();
  }

  /**
   * Writes {@code body} as the JSON response with {@code status}.
   *
   * @throws PublicError 500 if it cannot be serialised (a bug: bodies are maps of plain values)
   */
  public static void respond(Context ctx, ObjectMapper json, int status, Map<String, ?> body) throws PublicError {
    Objects.requireNonNull(body, "body");
    try {
      ctx.status(status).contentType("application/json; charset=utf-8").result(json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw PublicError.of(ErrorKind.INTERNAL, "response serialisation failed");
    }
  }

  private static PublicError invalid(String detail) {
    return PublicError.of(ErrorKind.BAD_REQUEST, "The request body is invalid.", detail);
  }
}
