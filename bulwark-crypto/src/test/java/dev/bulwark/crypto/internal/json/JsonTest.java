package dev.bulwark.crypto.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  @Test
  void parsesAllValueKinds() throws Exception {
    Map<String, Object> map =
        Json.parseObject(" {\"a\": [1, -2.5e3, true, false, null], \"b\": \"x\\u00e9\\n\\\"\", \"c\": {}} ");
    assertThat(map).containsOnlyKeys("a", "b", "c");
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) map.get("a");
    assertThat(list)
        .containsExactly(new BigDecimal("1"), new BigDecimal("-2.5e3"), true, false, Json.NULL);
    assertThat(map.get("b")).isEqualTo("xé\n\"");
  }

  @Test
  void writeThenParse_roundTrips() throws Exception {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", 42L);
    map.put("name", "line\nbreak \"quoted\" \u0001");
    map.put("list", List.of(true, "x", Json.NULL));
    String text = Json.write(map);
    assertThat(text).isEqualTo("{\"id\":42,\"name\":\"line\\nbreak \\\"quoted\\\" \\u0001\",\"list\":[true,\"x\",null]}");
    Map<String, Object> back = Json.parseObject(text);
    assertThat(back.get("name")).isEqualTo(map.get("name"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "{", "}", "{\"a\":1,}", "[1,]", "{\"a\":1}x", "{\"a\":1,\"a\":2}", "01", "-", "1.", "1e",
        "\"\\x\"", "\"\u0001\"", "\"\\ud800\"", "\"\\udc00x\"", "tru", "nul", "{a:1}", "[1 2]", "'a'",
        "\"abc", "\"\\u12\""
      })
  void rejectsMalformed(String text) {
    assertThatThrownBy(() -> Json.parse(text))
        .isInstanceOf(CryptoException.class)
        .hasMessageStartingWith("malformed JSON");
  }

  @Test
  void rejectsDeepNestingAndLongNumbers() throws Exception {
    Json.parse("[".repeat(16) + "]".repeat(16));
    assertThatThrownBy(() -> Json.parse("[".repeat(17) + "]".repeat(17))).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> Json.parse("1".repeat(65))).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> Json.parse(" ".repeat(Json.MAX_DOCUMENT_CHARS + 1))).isInstanceOf(CryptoException.class);
  }

  @Test
  void errorMessages_doNotEchoContent() {
    assertThatThrownBy(() -> Json.parse("{\"secret-value\": x}")).message().doesNotContain("secret-value");
  }
}
