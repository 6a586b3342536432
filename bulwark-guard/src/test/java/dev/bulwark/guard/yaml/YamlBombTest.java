package dev.bulwark.guard.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.guard.Limits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** YAML "billion laughs" (CWE-776), deep nesting, oversized and multi-document streams. */
class YamlBombTest {
  private static final SafeYaml YAML = SafeYaml.create(Limits.defaults());

  /** The classic: nine levels, each a list of nine aliases to the previous: 9^9 leaves. */
  static String billionLaughs() {
    return aliasPyramid('i', 9);
  }

  /** Anchors a..last, each a flow list of {@code width} aliases to the one before. */
  static String aliasPyramid(char last, int width) {
    StringBuilder yaml = new StringBuilder("a: &a [").append("lol,".repeat(width - 1)).append("lol]\n");
    for (char level = 'b'; level <= last; level++) {
      yaml.append(level).append(": &").append(level).append(" [")
          .append(("*" + (char) (level - 1) + ",").repeat(width - 1)).append('*').append((char) (level - 1)).append("]\n");
    }
    return yaml.toString();
  }

  @Test
  void billionLaughs_isRejectedQuicklyAndCheaply() {
    long heapBefore = usedHeap();
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(2), () ->
        assertThatThrownBy(() -> YAML.load(bytes(billionLaughs())))
            .isInstanceOf(YamlRejectedException.class)
            .hasMessageMatching(".*(aliases|expands to more than).*"));
    assertThat(usedHeap() - heapBefore).isLessThan(64L * 1024 * 1024);
  }

  @Test
  void fewAliasesThatStillExpandHugely_areRejectedByExpandedSize() {
    // Within the alias count (5 x 8 = 40 <= 50) but 8^6 expanded nodes: the size bound decides.
    String yaml = aliasPyramid('f', 8);
    assertThatThrownBy(() -> YAML.load(bytes(yaml)))
        .isInstanceOf(YamlRejectedException.class)
        .hasMessageContaining("expands to more than");
  }

  @Test
  void moreAliasesThanAllowed_isRejected() {
    String yaml = "a: &a x\nb: [" + "*a,".repeat(50) + "*a]\n";
    assertThatThrownBy(() -> YAML.load(bytes(yaml)))
        .isInstanceOf(YamlRejectedException.class)
        .hasMessageContaining("more than 50 aliases");
  }

  @Test
  void ordinaryAnchors_load() throws Exception {
    Object doc = YAML.load(bytes("base: &base {host: db, port: 5432}\nprimary: *base\n"));
    assertThat(doc).isEqualTo(Map.of("base", Map.of("host", "db", "port", 5432), "primary", Map.of("host", "db", "port", 5432)));
  }

  @Test
  void deepNesting_isRejectedBeforeComposing() {
    String deep = "[".repeat(5_000) + "]".repeat(5_000);
    assertThatThrownBy(() -> YAML.load(bytes(deep)))
        .isInstanceOf(YamlRejectedException.class)
        .hasMessageContaining("nesting deeper than 64");
  }

  @Test
  void moreDocumentsThanAllowed_isRejected() throws Exception {
    assertThatThrownBy(() -> YAML.loadAll(bytes("a: 1\n---\nb: 2\n")))
        .isInstanceOf(YamlRejectedException.class)
        .hasMessageContaining("document");
    SafeYaml two = SafeYaml.create(Limits.defaults().withMaxDocuments(2));
    assertThat(two.loadAll(bytes("a: 1\n---\nb: 2\n"))).isEqualTo(List.of(Map.of("a", 1), Map.of("b", 2)));
  }

  @Test
  void oversizedStreamAndScalar_areRejected() {
    SafeYaml small = SafeYaml.create(Limits.defaults().withMaxDocumentBytes(1000).withMaxStringLength(50));
    assertThatThrownBy(() -> small.load(bytes("k: " + "v".repeat(2000))))
        .isInstanceOf(YamlRejectedException.class).hasMessageContaining("longer than 1000 bytes");
    assertThatThrownBy(() -> small.load(bytes("k: " + "v".repeat(60))))
        .isInstanceOf(YamlRejectedException.class).hasMessageContaining("scalar longer");
  }

  @Test
  void tooManyEntries_isRejected() {
    SafeYaml few = SafeYaml.create(Limits.defaults().withMaxEntries(10));
    StringBuilder map = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      map.append("k").append(i).append(": v\n");
    }
    assertThatThrownBy(() -> few.load(bytes(map.toString()))).isInstanceOf(YamlRejectedException.class);
    assertThatThrownBy(() -> few.load(bytes("[1,2,3,4,5,6,7,8,9,10,11]"))).isInstanceOf(YamlRejectedException.class);
  }

  @Test
  void duplicateKeysJavaTagsAndBadUtf8_areRejected() {
    assertThatThrownBy(() -> YAML.load(bytes("role: user\nrole: admin\n"))).isInstanceOf(YamlRejectedException.class);
    // SnakeYAML 1.x would instantiate this (CVE-2022-1471); Engine has no such constructor.
    assertThatThrownBy(() -> YAML.load(bytes("!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/\"]]]]")))
        .isInstanceOf(YamlRejectedException.class);
    assertThatThrownBy(() -> YAML.load(new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28}))
        .isInstanceOf(YamlRejectedException.class).hasMessageContaining("UTF-8");
  }

  @Test
  void recursiveAlias_isRejected() {
    assertThatThrownBy(() -> YAML.load(bytes("&a [*a]")))
        .isInstanceOf(YamlRejectedException.class).hasMessageContaining("recursive");
    assertThatThrownBy(() -> YAML.load(bytes("k: *nowhere"))).isInstanceOf(YamlRejectedException.class);
  }

  @Test
  void malformed_reportsPositionNotContent() {
    assertThatThrownBy(() -> YAML.load(bytes("password: [hunter2-value\n")))
        .isInstanceOf(YamlRejectedException.class)
        .hasMessageNotContaining("hunter2")
        .hasNoCause();
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
