package dev.bulwark.crypto.internal.json;

import dev.bulwark.crypto.CryptoException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict, bounded JSON (RFC 8259) reader and writer for the crypto module's own formats (keyset
 * JSON, JWK). The module may depend on nothing but the JDK and Bouncy Castle, and these formats are
 * small, so this is all it needs.
 *
 * <p>Reading yields {@code Map<String,Object>} (insertion-ordered, unmodifiable), {@code List<Object>}
 * (unmodifiable), {@code String}, {@code BigDecimal}, {@code Boolean}, or {@link #NULL}. It rejects,
 * with a {@link CryptoException} that gives a position and never the content: documents over
 * {@link #MAX_DOCUMENT_CHARS}, nesting over {@link #MAX_DEPTH}, duplicate object keys, trailing
 * content, lone surrogates in strings, leading zeros, control characters in strings, and numbers over
 * {@link #MAX_NUMBER_CHARS} characters.
 *
 * <p>Writing emits compact JSON with keys in map order and only the escapes JSON requires.
 *
 * <p>Thread-safe: stateless.
 */
public final class Json {
  /** The JSON {@code null}. */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  /** Largest document accepted, in characters (1 MiB). */
  public static final int MAX_DOCUMENT_CHARS = 1 << 20;

  /** Deepest nesting of arrays and objects accepted. */
  public static final int MAX_DEPTH = 16;

  /** Longest number literal accepted. */
  public static final int MAX_NUMBER_CHARS = 64;

  private Json() {}

  /**
   * Parses one JSON document.
   *
   * @throws CryptoException if it is not strict, bounded JSON
   */
  public static Object parse(String text) throws CryptoException {
    if (text == null) {
      throw new CryptoException("malformed JSON: no input");
    }
    if (text.length() > MAX_DOCUMENT_CHARS) {
      throw new CryptoException("malformed JSON: document larger than " + MAX_DOCUMENT_CHARS + " characters");
    }
    Reader reader = new Reader(text);
    reader.skipWhitespace();
    Object value = reader.value(0);
    reader.skipWhitespace();
    if (reader.position != text.length()) {
      throw reader.error("trailing content");
    }
    return value;
  }

  /** Parses a document whose top level must be an object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) throws CryptoException {
    Object value = parse(text);
    if (!(value instanceof Map<?, ?>)) {
      throw new CryptoException("malformed JSON: expected an object at the top level");
    }
    return (Map<String, Object>) value;
  }

  /**
   * Writes {@code value}: a {@code Map} with {@code String} keys, a {@code List}, a {@code
   * CharSequence}, a {@code Number} (integral types and {@code BigDecimal}), a {@code Boolean} or
   * {@link #NULL}.
   *
   * @throws IllegalArgumentException for any other type
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 0);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("JSON nesting deeper than " + MAX_DEPTH);
    }
    switch (value) {
      case null -> out.append("null");
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!(entry.getKey() instanceof String key)) {
            throw new IllegalArgumentException("JSON object keys must be strings");
          }
          if (!first) {
            out.append(',');
          }
          first = false;
          writeString(key, out);
          out.append(':');
          write(entry.getValue(), out, depth + 1);
        }
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(list.get(i), out, depth + 1);
        }
        out.append(']');
      }
      case CharSequence text -> writeString(text.toString(), out);
      case Boolean bool -> out.append(bool.booleanValue());
      case BigDecimal decimal -> out.append(decimal.toPlainString());
      case Long number -> out.append(number.longValue());
      case Integer number -> out.append(number.intValue());
      default -> {
        if (value == NULL) {
          out.append("null");
        } else {
          throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON");
        }
      }
    }
  }

  private static void writeString(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static final class Reader {
    private final String text;
    private int position;

    Reader(String text) {
      this.text = text;
    }

    CryptoException error(String what) {
      return new CryptoException("malformed JSON: " + what + " at offset " + position);
    }

    void skipWhitespace() {
      while (position < text.length()) {
        char c = text.charAt(position);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          position++;
        } else {
          return;
        }
      }
    }

    /** @param depth how many arrays and objects enclose this value */
    Object value(int depth) throws CryptoException {
      if (position >= text.length()) {
        throw error("unexpected end");
      }
      char c = text.charAt(position);
      if ((c == '{' || c == '[') && depth >= MAX_DEPTH) {
        throw error("nesting deeper than " + MAX_DEPTH);
      }
      return switch (c) {
        case '{' -> object(depth);
        case '[' -> array(depth);
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", NULL);
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            yield number();
          }
          throw error("unexpected character");
        }
      };
    }

    private Object literal(String word, Object value) throws CryptoException {
      if (!text.startsWith(word, position)) {
        throw error("unexpected character");
      }
      position += word.length();
      return value;
    }

    private Map<String, Object> object(int depth) throws CryptoException {
      position++;
      Map<String, Object> map = new LinkedHashMap<>();
      skipWhitespace();
      if (position < text.length() && text.charAt(position) == '}') {
        position++;
        return Collections.unmodifiableMap(map);
      }
      while (true) {
        skipWhitespace();
        if (position >= text.length() || text.charAt(position) != '"') {
          throw error("expected a string key");
        }
        String key = string();
        skipWhitespace();
        expect(':');
        skipWhitespace();
        Object value = value(depth + 1);
        if (map.putIfAbsent(key, value) != null) {
          throw error("duplicate key");
        }
        skipWhitespace();
        if (position >= text.length()) {
          throw error("unexpected end");
        }
        char c = text.charAt(position++);
        if (c == '}') {
          return Collections.unmodifiableMap(map);
        }
        if (c != ',') {
          position--;
          throw error("expected ',' or '}'");
        }
      }
    }

    private List<Object> array(int depth) throws CryptoException {
      position++;
      List<Object> list = new ArrayList<>();
      skipWhitespace();
      if (position < text.length() && text.charAt(position) == ']') {
        position++;
        return Collections.unmodifiableList(list);
      }
      while (true) {
        skipWhitespace();
        list.add(value(depth + 1));
        skipWhitespace();
        if (position >= text.length()) {
          throw error("unexpected end");
        }
        char c = text.charAt(position++);
        if (c == ']') {
          return Collections.unmodifiableList(list);
        }
        if (c != ',') {
          position--;
          throw error("expected ',' or ']'");
        }
      }
    }

    private void expect(char c) throws CryptoException {
      if (position >= text.length() || text.charAt(position) != c) {
        throw error("expected '" + c + "'");
      }
      position++;
    }

    private String string() throws CryptoException {
      position++; // opening quote
      StringBuilder out = new StringBuilder();
      while (true) {
        if (position >= text.length()) {
          throw error("unterminated string");
        }
        char c = text.charAt(position++);
        if (c == '"') {
          break;
        }
        if (c < 0x20) {
          position--;
          throw error("control character in string");
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (position >= text.length()) {
          throw error("unterminated escape");
        }
        char escape = text.charAt(position++);
        switch (escape) {
          case '"' -> out.append('"');
          case '\\' -> out.append('\\');
          case '/' -> out.append('/');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> out.append(unicodeEscape());
          default -> {
            position--;
            throw error("invalid escape");
          }
        }
      }
      String result = out.toString();
      for (int i = 0; i < result.length(); i++) {
        char c = result.charAt(i);
        if (Character.isHighSurrogate(c)) {
          if (i + 1 >= result.length() || !Character.isLowSurrogate(result.charAt(i + 1))) {
            throw error("lone surrogate in string");
          }
          i++;
        } else if (Character.isLowSurrogate(c)) {
          throw error("lone surrogate in string");
        }
      }
      return result;
    }

    private char unicodeEscape() throws CryptoException {
      if (position + 4 > text.length()) {
        throw error("truncated \\u escape");
      }
      int value = 0;
      for (int i = 0; i < 4; i++) {
        int digit = Character.digit(text.charAt(position++), 16);
        if (digit < 0) {
          position--;
          throw error("invalid \\u escape");
        }
        value = (value << 4) | digit;
      }
      return (char) value;
    }

    private BigDecimal number() throws CryptoException {
      int start = position;
      if (text.charAt(position) == '-') {
        position++;
      }
      if (position >= text.length()) {
        throw error("truncated number");
      }
      if (text.charAt(position) == '0') {
        position++;
        if (position < text.length() && Character.isDigit(text.charAt(position))) {
          throw error("leading zero in number");
        }
      } else {
        digits();
      }
      if (position < text.length() && text.charAt(position) == '.') {
        position++;
        digits();
      }
      if (position < text.length() && (text.charAt(position) == 'e' || text.charAt(position) == 'E')) {
        position++;
        if (position < text.length() && (text.charAt(position) == '+' || text.charAt(position) == '-')) {
          position++;
        }
        digits();
      }
      if (position - start > MAX_NUMBER_CHARS) {
        throw error("number longer than " + MAX_NUMBER_CHARS + " characters");
      }
      try {
        return new BigDecimal(text.substring(start, position));
      } catch (NumberFormatException e) {
        throw error("invalid number");
      }
    }

    private void digits() throws CryptoException {
      int start = position;
      while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
        position++;
      }
      if (position == start) {
        throw error("expected a digit");
      }
    }
  }
}
