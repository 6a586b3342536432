package dev.bulwark.auth.jwt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
}
