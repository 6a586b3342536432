package dev.bulwark.guard.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.guard.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Path traversal (CWE-22; OWASP "Path Traversal", PortSwigger's file path traversal labs, the
 * Javalin {@code TestStaticFilesPathTraversal} suite): every payload must be refused by {@link
 * SafePaths#resolve}, with a message that does not repeat it.
 */
class PathTraversalTest {
  @TempDir Path root;
  Path base;

  @BeforeEach
  void createBase() throws IOException {
    base = Files.createDirectory(root.resolve("base"));
    Files.writeString(root.resolve("outside.txt"), "outside");
  }

  static Stream<String> payloads() {
    String nul = String.valueOf((char) 0);
    return Stream.of(
        // Plain and nested dot-dot.
        "..", "../outside.txt", "../../etc/passwd", "a/../../outside.txt", "a/b/../../../outside.txt",
        "./../outside.txt", "a/./b", ".", "./", "a/..",
        // Absolute paths, Unix and Windows.
        "/etc/passwd", "//etc/passwd", "/", "C:\\Windows\\win.ini", "C:/Windows/win.ini", "\\\\server\\share",
        // Backslash separators.
        "..\\outside.txt", "a\\..\\..\\outside.txt", "..\\/outside.txt",
        // NUL byte truncation and other controls.
        "file.txt" + nul + ".png", nul, "a" + nul + "/../b", "line\nbreak.txt", "tab\there.txt", "bell\u0007",
        // Percent-encoded forms stay literal names, but look-alike decoded forms must not pass.
        "\uFF0E\uFF0E/outside.txt", "\u2024\u2024/outside.txt", "\u2025/outside.txt", "\uFE52\uFE52/x",
        "\u3002\u3002/x", "..\u2215outside.txt", "..\u2044outside.txt", "..\uFF0Foutside.txt",
        "..\uFF3Coutside.txt", "..\uFE68outside.txt", "a\u2216b", "\u2026/x", "\u0589\u0589/x",
        // Invisible and bidi characters that disguise a name.
        "invoice\u202Etxt.exe", "a\u200Bb.txt", "\uFEFFname.txt", "a\u2028b",
        // Hidden files and dot tricks.
        ".htaccess", ".ssh/authorized_keys", "a/.git/config", "...", "name.", "name ", " name", "a//b",
        "a/", "",
        // Windows device names and streams.
        "CON", "nul.txt", "com1", "LPT9.log", "file.txt::$DATA", "a:b",
        // Not NFKC-stable (compatibility forms that normalise to something else).
        "\uFB01le.txt", "\u2460.txt",
        // Over-long.
        "a".repeat(256), "\u00E9".repeat(128), ("d/").repeat(128) + "x");
  }

  @ParameterizedTest
  @MethodSource("payloads")
  void traversalPayload_isRefused(String payload) {
    assertThatThrownBy(() -> SafePaths.resolve(base, payload))
        .isInstanceOf(UnsafePathException.class)
        .satisfies(e -> {
          // Very short payloads ("..") and words ("name ") occur in any English message.
          if (payload.length() > 3 && !payload.matches("[A-Za-z ]*")) {
            assertThat(e.getMessage()).doesNotContain(payload);
          }
        });
  }

  @Test
  void payloadCorpus_isLargeEnough() {
    assertThat(payloads().count()).isGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest
  @ValueSource(strings = {"report.pdf", "a/b/c.txt", "Ünïcödé.txt", "日本語.txt", "x", "my file (1).png", "a..b.txt"})
  void ordinaryName_resolvesInsideBase(String name) throws Exception {
    Path resolved = SafePaths.resolve(base, name);
    assertThat(resolved).startsWithRaw(base.toRealPath());
    assertThat(resolved).isEqualTo(base.toRealPath().resolve(name));
  }

  @Test
  void symlinkToOutside_isRefused() throws Exception {
    Files.createSymbolicLink(base.resolve("escape"), root);
    assertThatThrownBy(() -> SafePaths.resolve(base, "escape/outside.txt"))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("symbolic link");
    assertThatThrownBy(() -> SafePaths.resolve(base, "escape/not-yet-created.txt"))
        .isInstanceOf(UnsafePathException.class);
  }

  @Test
  void symlinkFileToOutside_isRefused() throws Exception {
    Files.createSymbolicLink(base.resolve("passwd.txt"), root.resolve("outside.txt"));
    assertThatThrownBy(() -> SafePaths.resolve(base, "passwd.txt")).isInstanceOf(UnsafePathException.class);
  }

  @Test
  void danglingSymlink_isRefused() throws Exception {
    Files.createSymbolicLink(base.resolve("dangling.txt"), root.resolve("later.txt"));
    assertThatThrownBy(() -> SafePaths.resolve(base, "dangling.txt"))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("points nowhere");
  }

  @Test
  void symlinkInsideBase_isAllowed() throws Exception {
    Files.createDirectory(base.resolve("real"));
    Files.createSymbolicLink(base.resolve("alias"), base.resolve("real"));
    assertThat(SafePaths.resolve(base, "alias/file.txt")).startsWithRaw(base.toRealPath());
  }

  @Test
  void baseThroughSymlink_isComparedOnRealPath() throws Exception {
    Path linkToBase = Files.createSymbolicLink(root.resolve("link-to-base"), base);
    assertThat(SafePaths.resolve(linkToBase, "ok.txt")).isEqualTo(base.toRealPath().resolve("ok.txt"));
  }

  @Test
  void nameLengthLimit_comesFromLimits() throws Exception {
    Limits tight = Limits.defaults().withMaxFileNameLength(8);
    assertThat(SafePaths.resolve(base, "12345678", tight)).isNotNull();
    assertThatThrownBy(() -> SafePaths.resolve(base, "123456789", tight))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("8 UTF-8 bytes");
  }

  @Test
  void missingBase_isApiMisuse() {
    assertThatThrownBy(() -> SafePaths.resolve(root.resolve("missing"), "a.txt"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyRefusal_keepsTheOutsideFileUntouched() throws Exception {
    for (String payload : List.of("../outside.txt", "..\\outside.txt")) {
      assertThatThrownBy(() -> SafePaths.resolve(base, payload)).isInstanceOf(UnsafePathException.class);
    }
    assertThat(Files.readString(root.resolve("outside.txt"))).isEqualTo("outside");
  }
}
