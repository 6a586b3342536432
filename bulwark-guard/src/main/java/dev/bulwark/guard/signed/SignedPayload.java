package dev.bulwark.guard.signed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.mac.Mac;
import dev.bulwark.crypto.mac.MacKey;
import dev.bulwark.guard.Limits;
import dev.bulwark.guard.json.HardenedJson;
import dev.bulwark.guard.json.JsonRejectedException;
import dev.bulwark.guard.json.SafeJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * JSON values signed with HMAC-SHA256 under a key id, for data that leaves the server and comes
 * back (state in a link, a cookie, a queue message): integrity and authenticity, not secrecy.
 *
 * <p>Format (ASCII): {@code bsp1.<keyId>.<base64url(canonical JSON)>.<base64url(tag)>}, unpadded
 * base64url. The tag is HMAC-SHA256 over {@code "bsp1." + keyId + "." + base64url(JSON)}, so the key
 * id is authenticated too: a payload cannot be replayed under another key id, even one whose key
 * happens to be the same. The JSON is canonical: object keys sorted (by UTF-16 code units, as RFC
 * 8785), no whitespace, UTF-8, so one value always signs to the same bytes.
 *
 * <p>Guarantee: {@link #verify} checks length, shape and the tag (recomputed and compared in
 * constant time by {@link Mac#verify}) BEFORE a single byte of JSON is parsed; an attacker without
 * the key never reaches the JSON parser. The verified body is then read with {@link SafeJson}.
 *
 * {@snippet :
 * SignedPayload signed = SignedPayload.create(keys, Limits.defaults());
 * String token = signed.sign(new Cart("c-17", 3));
 * Cart cart = signed.verify(token, Cart.class).value();   // or SignedPayloadException
 * }
 *
 * <p>Warning: a signed payload never expires and can be replayed as a whole; put an expiry and a
 * purpose in the body and check them. Immutable and thread-safe.
 */
public final class SignedPayload {
  private static final String VERSION = "bsp1";
  private static final int TAG_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

  private final PayloadKeys keys;
  private final SafeJson reader;
  private final JsonMapper writer;
  private final long maxTokenChars;

  private SignedPayload(PayloadKeys keys, Limits limits) {
    this.keys = keys;
    this.reader = SafeJson.create(limits);
    this.writer = HardenedJson.mapper(limits);
    // base64 expands 3 bytes to 4 characters; the rest is the version, id, tag and dots.
    this.maxTokenChars = (limits.maxDocumentBytes() + 2) / 3 * 4 + 100;
  }

  /** A signer and verifier over {@code keys}, with JSON bounded by {@code limits}. */
  public static SignedPayload create(PayloadKeys keys, Limits limits) {
    return new SignedPayload(Objects.requireNonNull(keys, "keys"), Objects.requireNonNull(limits, "limits"));
  }

  /**
   * Signs {@code value} (serialized to canonical JSON) with the primary key.
   *
   * @throws IllegalArgumentException if {@code value} does not serialize to JSON
   */
  public String sign(Object value) {
    Objects.requireNonNull(value, "value");
    byte[] json;
    try {
      json = writer.writeValueAsBytes(canonical(writer.valueToTree(value)));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException("value does not serialize to JSON: " + e.getClass().getSimpleName());
    }
    String signedPart = VERSION + "." + keys.primaryKeyId() + "." + B64.encodeToString(json);
    byte[] tag = Mac.create(keys.primaryKey()).compute(signedPart.getBytes(StandardCharsets.US_ASCII));
    return signedPart + "." + B64.encodeToString(tag);
  }

  /**
   * Verifies {@code token} and only then parses its body as {@code type}.
   *
   * @throws SignedPayloadException if the token is malformed, too long, names an unknown key, does
   *     not verify, or its verified body does not bind to {@code type}
   */
  public <T> VerifiedPayload<T> verify(String token, Class<T> type) throws SignedPayloadException {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(type, "type");
    if (token.length() > maxTokenChars) {
      throw new SignedPayloadException("signed payload longer than " + maxTokenChars + " characters");
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 4 || !VERSION.equals(parts[0]) || !PayloadKeys.isKeyId(parts[1])) {
      throw new SignedPayloadException("signed payload is malformed");
    }
    Optional<MacKey> key = keys.key(parts[1]);
    if (key.isEmpty()) {
      throw new SignedPayloadException("signed payload names an unknown key id");
    }
    byte[] tag = decode(parts[3]);
    if (tag.length != TAG_BYTES) {
      throw new SignedPayloadException("signed payload tag has the wrong length");
    }
    String signedPart = token.substring(0, token.length() - parts[3].length() - 1);
    try {
      Mac.create(key.get()).verify(tag, signedPart.getBytes(StandardCharsets.US_ASCII));
    } catch (CryptoException e) {
      throw new SignedPayloadException("signed payload does not verify");
    }
    // Authentic from here on: the body is parsed only now.
    try {
      return new VerifiedPayload<>(parts[1], reader.read(decode(parts[2]), type));
    } catch (JsonRejectedException e) {
      throw new SignedPayloadException("signed payload body is not a valid " + type.getSimpleName() + ": " + e.getMessage());
    }
  }

  private static byte[] decode(String part) throws SignedPayloadException {
    // Non-canonical base64 (padding, trailing bits) is refused: one payload, one encoding.
    try {
      byte[] bytes = B64_DECODER.decode(part);
      if (!B64.encodeToString(bytes).equals(part)) {
        throw new SignedPayloadException("signed payload is not canonical base64url");
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw new SignedPayloadException("signed payload is not base64url");
    }
  }

  /** A copy of {@code node} with every object's keys in sorted order, recursively. */
  static JsonNode canonical(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(object.properties());
      entries.sort(Map.Entry.comparingByKey());
      ObjectNode sorted = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> entry : entries) {
        sorted.set(entry.getKey(), canonical(entry.getValue()));
      }
      return sorted;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode(array.size());
      for (JsonNode element : array) {
        copy.add(canonical(element));
      }
      return copy;
    }
    return node;
  }

  @Override
  public String toString() {
    return "SignedPayload[" + keys + "]";
  }
}
