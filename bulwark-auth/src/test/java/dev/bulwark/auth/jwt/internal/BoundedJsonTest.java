package dev.bulwark.auth.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundedJsonTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void nestingDepth_countsBracketsOutsideStringsOnly() {
    assertThat(BoundedJson.nestingDepth(utf8("{\"a\":[{\"b\":1}]}"))).isEqualTo(3);
    assertThat(BoundedJson.nestingDepth(utf8("{\"a\":\"[[[[\\\"]]]\"}"))).isEqualTo(1);
    assertThat(BoundedJson.nestingDepth(utf8("[]".repeat(100)))).isEqualTo(1);
  }

  @Test
  void parseObject_refusesDeepNonObjectDuplicateAndNonUtf8Input() {
    assertThat(BoundedJson.parseObject(utf8("{\"a\":[[1]]}"), 3)).isPresent();
    assertThat(BoundedJson.parseObject(utf8("{\"a\":[[1]]}"), 2)).isEmpty();
    assertThat(BoundedJson.parseObject(utf8("[1]"), 3)).isEmpty();
    assertThat(BoundedJson.parseObject(utf8("{\"a\":1,\"a\":2}"), 3)).isEmpty();
    assertThat(BoundedJson.parseObject(new byte[] {'{', '"', (byte) 0xc3, '"', ':', '1', '}'}, 3)).isEmpty();
    assertThat(BoundedJson.parseObject(utf8("{\"a\":1} trailing"), 3)).isEmpty();
  }

  @Test
  void parseObject_readsAsciiAndMultiByteUtf8Alike() {
    assertThat(BoundedJson.parseObject(utf8("{\"name\":\"Zoe\"}"), 3)).contains(Map.of("name", "Zoe"));
    assertThat(BoundedJson.parseObject(utf8("{\"name\":\"Zoë 東京 \uD83D\uDE00\"}"), 3))
        .contains(Map.of("name", "Zoë 東京 \uD83D\uDE00"));
  }

  @Test
  void parseObject_refusesEveryMalformedUtf8Shape() {
    byte[][] values = {
      {(byte) 0xc0, (byte) 0xaf}, // overlong '/'
      {(byte) 0x80}, // lone continuation byte
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // encoded surrogate
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
      {(byte) 0xe6, (byte) 0x9d}, // truncated sequence
      {(byte) 0xff},
    };
    for (byte[] value : values) {
      byte[] json = new byte[value.length + 8];
      byte[] head = utf8("{\"a\":\"");
      System.arraycopy(head, 0, json, 0, head.length);
      System.arraycopy(value, 0, json, head.length, value.length);
      json[json.length - 2] = '"';
      json[json.length - 1] = '}';
      assertThat(BoundedJson.parseObject(json, 3)).as("bytes %s", Arrays.toString(value)).isEmpty();
    }
  }
}
