package dev.bulwark.auth.jwt.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a JSON object through nimbus-jose-jwt after two checks nimbus does not make for us: the bytes
 * are well-formed UTF-8 (RFC 8259 §8.1; a lenient decoder would let two byte strings mean one claim),
 * and arrays/objects are nested no deeper than a bound, so a hostile token cannot exhaust the stack
 * (CVE-2025-53864 in nimbus before 10.0.2) or the heap of a recursive reader.
 */
public final class BoundedJson {
  private static final char REPLACEMENT = '\uFFFD';

  private BoundedJson() {}

  /** The object, or empty if {@code json} is not UTF-8, nests deeper than {@code maxDepth}, or is not a JSON object. */
  public static Optional<Map<String, Object>> parseObject(byte[] json, int maxDepth) {
    if (nestingDepth(json) > maxDepth) {
      return Optional.empty();
    }
    // The common case is ASCII, which is well-formed UTF-8 meaning the same characters: the JDK's
    // ASCII decoding is a vectorised copy, and it turns any other byte into U+FFFD, which no ASCII
    // input can produce. Only then does the strict decoder run.
    String text = new String(json, StandardCharsets.US_ASCII);
    if (text.indexOf(REPLACEMENT) >= 0) {
      text = strictUtf8(json);
      if (text == null) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(JSONObjectUtils.parse(text));
    } catch (ParseException | RuntimeException malformed) {
      // nimbus wraps gson; any parse failure of hostile input is "not JSON", never a crash.
      return Optional.empty();
    }
  }

  /** The text of well-formed UTF-8, or {@code null}: a lenient decoder would let two byte strings mean one claim. */
  private static String strictUtf8(byte[] json) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(json))
          .toString();
    } catch (CharacterCodingException malformed) {
      return null;
    }
  }

  /**
   * The deepest nesting of arrays and objects, counting brackets outside strings. Linear, no
   * recursion; malformed input is left to the parser, which it reaches only within the bound.
   */
  static int nestingDepth(byte[] json) {
    int depth = 0;
    int max = 0;
    boolean inString = false;
    for (int i = 0; i < json.length; i++) {
      byte b = json[i];
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        depth++;
        max = Math.max(max, depth);
      } else if (b == '}' || b == ']') {
        depth--;
      }
    }
    return max;
  }
}
