package dev.bulwark.server.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one secret version holds: a single string ({@link Text}, the {@code "value"} of the API) or
 * a map of named string fields ({@link Fields}, the {@code "data"} object of Vault's KV v2, e.g.
 * {@code {"username": "app", "password": "..."}}). Both are sealed the same way; the kind is stored
 * beside the ciphertext and bound into its associated data (see {@link SecretStore}), so a row whose
 * kind was changed in the database fails authentication instead of being read as the other kind.
 *
 * <p>Immutable; {@code toString} never shows a value.
 */
public sealed interface SecretContent permits SecretContent.Text, SecretContent.Fields {
  /** Most fields one {@link Fields} secret may hold. */
  int MAX_FIELDS = 256;
  /** Longest field name, in characters. */
  int MAX_FIELD_NAME = 256;

  /** The stored kind: {@code "value"} or {@code "data"}, the JSON member the API uses for it. */
  String kind();

  /** The plaintext that is sealed: UTF-8 text, or the fields as a JSON object in UTF-8. */
  byte[] encode();

  /**
   * Rebuilds content from an authenticated plaintext and its stored kind.
   *
   * @throws IllegalStateException if the kind is unknown or the plaintext does not parse as that
   *     kind (impossible for rows this server wrote: the kind is authenticated with the value)
   */
  static SecretContent decode(String kind, byte[] plaintext) {
    return switch (kind) {
      case Text.KIND -> new Text(new String(plaintext, StandardCharsets.UTF_8));
      case Fields.KIND -> Fields.parse(plaintext);
      default -> throw new IllegalStateException("unknown stored secret kind");
    };
  }

  /** One string value. */
  record Text(String value) implements SecretContent {
    static final String KIND = "value";

    public Text {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String kind() {
      return KIND;
    }

    @Override
    public byte[] encode() {
      return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "Text[redacted]";
    }
  }

  /**
   * Named string fields, in the order given. At most {@value #MAX_FIELDS} fields, names of 1 to
   * {@value #MAX_FIELD_NAME} characters; an empty map is allowed (Vault allows it too).
   */
  record Fields(Map<String, String> data) implements SecretContent {
    static final String KIND = "data";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

    /**
     * @throws IllegalArgumentException if there are too many fields, a name is empty or too long,
     *     or a name or value is null
     */
    public Fields {
      Objects.requireNonNull(data, "data");
      if (data.size() > MAX_FIELDS) {
        throw new IllegalArgumentException("too many fields");
      }
      LinkedHashMap<String, String> copy = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : data.entrySet()) {
        String name = e.getKey();
        if (name == null || name.isEmpty() || name.length() > MAX_FIELD_NAME || e.getValue() == null) {
          throw new IllegalArgumentException("field names must be 1 to " + MAX_FIELD_NAME + " characters, values strings");
        }
        copy.put(name, e.getValue());
      }
      data = Collections.unmodifiableMap(copy);
    }

    @Override
    public String kind() {
      return KIND;
    }

    @Override
    public byte[] encode() {
      try {
        return JSON.writeValueAsBytes(data);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a map of strings always serialises", e);
      }
    }

    private static Fields parse(byte[] plaintext) {
      try {
        return new Fields(JSON.readValue(plaintext, MAP));
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalStateException("stored secret fields do not parse");
      }
    }

    @Override
    public String toString() {
      return "Fields[" + data.size() + " fields, redacted]";
    }
  }
}
