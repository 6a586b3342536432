package dev.bulwark.guard.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bulwark.guard.Limits;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;

/**
 * Reads untrusted JSON with a {@link HardenedJson} mapper and reports every refusal as one {@link
 * JsonRejectedException} whose message carries the kind of failure and its line and column, never
 * the input (Jackson's own messages quote input, which may be a secret or a payload, so they are
 * not kept as the cause either).
 *
 * {@snippet :
 * SafeJson json = SafeJson.create(Limits.defaults());
 * Order order = json.read(body, Order.class);   // or JsonRejectedException
 * }
 *
 * <p>Immutable and thread-safe.
 */
public final class SafeJson {
  private final JsonMapper mapper;
  private final long maxDocumentBytes;

  private SafeJson(JsonMapper mapper, long maxDocumentBytes) {
    this.mapper = mapper;
    this.maxDocumentBytes = maxDocumentBytes;
  }

  /** A reader with no polymorphic types. */
  public static SafeJson create(Limits limits) {
    return new SafeJson(HardenedJson.mapper(limits), limits.maxDocumentBytes());
  }

  /** A reader whose {@code @JsonTypeInfo} properties may resolve to exactly {@code allowedSubtypes}. */
  public static SafeJson create(Limits limits, Set<Class<?>> allowedSubtypes) {
    return new SafeJson(HardenedJson.mapper(limits, allowedSubtypes), limits.maxDocumentBytes());
  }

  /**
   * Binds a UTF-8 document to {@code type}.
   *
   * @throws JsonRejectedException if the document is refused for any reason
   */
  public <T> T read(byte[] json, Class<T> type) throws JsonRejectedException {
    checkSize(json);
    Objects.requireNonNull(type, "type");
    try {
      T value = mapper.readValue(json, type);
      if (value == null) {
        throw new JsonRejectedException("JSON document is null or empty");
      }
      return value;
    } catch (IOException e) {
      throw rejected(e);
    } catch (RuntimeException e) {
      // Jackson wraps some binding failures (e.g. a constructor's IllegalArgumentException).
      throw new JsonRejectedException(
          "JSON document does not bind to " + type.getSimpleName() + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Parses a UTF-8 document into a tree, with every limit and the duplicate-key check.
   *
   * @throws JsonRejectedException if the document is refused for any reason
   */
  public JsonNode readTree(byte[] json) throws JsonRejectedException {
    checkSize(json);
    try {
      JsonNode node = mapper.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new JsonRejectedException("JSON document is empty");
      }
      return node;
    } catch (IOException e) {
      throw rejected(e);
    }
  }

  private void checkSize(byte[] json) throws JsonRejectedException {
    Objects.requireNonNull(json, "json");
    if (json.length > maxDocumentBytes) {
      throw new JsonRejectedException("JSON document longer than " + maxDocumentBytes + " bytes");
    }
  }

  private static JsonRejectedException rejected(IOException e) {
    String kind = e instanceof StreamConstraintsException ? "exceeds a limit" : "is refused";
    String where = "";
    if (e instanceof JsonProcessingException processing && processing.getLocation() != null) {
      JsonLocation at = processing.getLocation();
      where = " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
    // No cause: Jackson's messages quote the input (a field name, a value), which may be a secret.
    return new JsonRejectedException("JSON document " + kind + where + " (" + e.getClass().getSimpleName() + ")");
  }
}
