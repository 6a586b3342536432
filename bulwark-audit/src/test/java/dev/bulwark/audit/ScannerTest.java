package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScannerTest {
  private static final SplittableRandom RANDOM = new SplittableRandom(7);

  private static String githubToken() {
    return "ghp_" + Corpus.random(RANDOM, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36);
  }

  private static List<String> ids(List<Finding> findings) {
    return findings.stream().map(f -> f.rule().id()).toList();
  }

  @Test
  void gitignoredFilesAndDirectories_areNotScanned(@TempDir Path dir) throws IOException {
    String token = githubToken();
    Files.writeString(dir.resolve(".gitignore"), "# build output\nbuild/\n*.log\n/local.txt\n!keep.log\n");
    Files.createDirectories(dir.resolve("build"));
    Files.createDirectories(dir.resolve("src"));
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve("build/out.txt"), token);
    Files.writeString(dir.resolve("debug.log"), token);
    Files.writeString(dir.resolve("keep.log"), token);
    Files.writeString(dir.resolve("local.txt"), token);
    Files.writeString(dir.resolve("src/local.txt"), token);
    Files.writeString(dir.resolve(".git/config"), token);

    ScanResult result = Scanner.defaults().scan(List.of(dir), ScanListener.NONE);

    String root = dir.normalize().toString().replace('\\', '/') + "/";
    assertThat(result.findings()).extracting(Finding::path).containsExactly(root + "keep.log", root + "src/local.txt");
  }

  @Test
  void nestedGitignoreFiles_applyToTheirDirectoryAndTheDeepestMatchWins(@TempDir Path dir) throws IOException {
    String token = githubToken();
    Files.writeString(dir.resolve(".gitignore"), "*.log\n");
    Files.createDirectories(dir.resolve("sub/deeper"));
    Files.createDirectories(dir.resolve("other"));
    Files.writeString(dir.resolve("sub/.gitignore"), "secret.txt\n!keep.log\ngenerated/\n");
    Files.createDirectories(dir.resolve("sub/generated"));
    Files.writeString(dir.resolve("root.log"), token);                 // root file: ignored
    Files.writeString(dir.resolve("sub/secret.txt"), token);           // sub's file: ignored
    Files.writeString(dir.resolve("sub/deeper/secret.txt"), token);    // unanchored, so below too
    Files.writeString(dir.resolve("sub/keep.log"), token);             // re-included by the deeper file
    Files.writeString(dir.resolve("sub/generated/out.txt"), token);    // directory pattern of sub
    Files.writeString(dir.resolve("other/secret.txt"), token);         // sub's rules do not reach here
    Files.writeString(dir.resolve("other/app.log"), token);            // root's rules do

    ScanResult result = Scanner.defaults().scan(List.of(dir), ScanListener.NONE);

    String root = dir.normalize().toString().replace('\\', '/') + "/";
    assertThat(result.findings())
        .extracting(Finding::path)
        .containsExactlyInAnyOrder(root + "sub/keep.log", root + "other/secret.txt");
  }

  @Test
  void binaryAndOversizedFiles_areSkippedAndCounted(@TempDir Path dir) throws IOException {
    String token = githubToken();
    byte[] binary = ("\0" + token).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Files.write(dir.resolve("image.bin"), binary);
    Files.writeString(dir.resolve("big.txt"), "x".repeat(200) + token);
    Files.writeString(dir.resolve("small.txt"), token);

    ScanResult result = Scanner.defaults().withMaxFileBytes(100).scan(List.of(dir), ScanListener.NONE);

    assertThat(result.skippedBinary()).isEqualTo(1);
    assertThat(result.skippedTooLarge()).isEqualTo(1);
    assertThat(result.filesScanned()).isEqualTo(1);
    assertThat(result.findings()).extracting(Finding::path).allMatch(p -> p.endsWith("small.txt"));
  }

  @Test
  void secrets_areNeverPrintedInFull() {
    String token = githubToken();
    List<Finding> findings = Scanner.defaults().scanText("a.txt", "token: " + token + "\n");
    assertThat(ids(findings)).containsExactly("BWK-SECRET-005");
    Finding finding = findings.getFirst();
    assertThat(finding.excerpt()).contains("ghp_").doesNotContain(token.substring(4, 12)).doesNotContain(token);
    assertThat(Reports.text(findings, 1) + Reports.json(findings, 1) + Reports.sarif(findings, "test")).doesNotContain(token.substring(4));
  }

  @Test
  void manyFiles_onSeveralThreads_giveTheSameSortedResult(@TempDir Path dir) throws IOException {
    for (int i = 0; i < 60; i++) {
      Path sub = Files.createDirectories(dir.resolve("d" + (i % 7)));
      Files.writeString(sub.resolve("f" + i + ".txt"), "a\n".repeat(i % 5) + "t = " + githubToken() + "\n");
    }
    AtomicInteger lastTotal = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    ScanResult one = Scanner.defaults().withThreads(1).scan(List.of(dir), ScanListener.NONE);
    ScanResult four = Scanner.defaults().withThreads(4).scan(List.of(dir), (done, total) -> {
      calls.incrementAndGet();
      lastTotal.set(total);
    });
    assertThat(four.findings()).isEqualTo(one.findings()).hasSize(60);
    List<Finding> sorted = new ArrayList<>(four.findings());
    sorted.sort(Finding.ORDER);
    assertThat(four.findings()).isEqualTo(sorted);
    assertThat(calls.get()).isEqualTo(60);
    assertThat(lastTotal.get()).isEqualTo(60);
  }

  @Test
  void javaThatDoesNotParse_fallsBackToTheTokenScan(@TempDir Path dir) throws IOException {
    String token = githubToken();
    Files.writeString(dir.resolve("Broken.java"), "class Broken { void f( { String s = \"" + token + "\"; Runtime.getRuntime().exec(\"a\" + s); \n");
    ScanResult result = Scanner.defaults().scan(List.of(dir), ScanListener.NONE);
    assertThat(ids(result.findings())).containsExactly("BWK-SECRET-005");
    assertThat(result.javaParseFallbacks()).hasSize(1);
  }

  @Test
  void deeplyNestedJava_overflowingTheParserStack_fallsBackToTheTokenScan(@TempDir Path dir) throws IOException {
    String token = "ghp_" + "Zq3Xw9Lm2Np8Rt5Vb7Cd1Fg4Hj6Kk0Ss2Tu4"; // split: the source holds no token
    String nested = "(".repeat(200_000) + "1" + ")".repeat(200_000);
    Files.writeString(dir.resolve("Deep.java"), "class Deep { String t = \"" + token + "\"; int x = " + nested + "; }\n");
    ScanResult result = Scanner.defaults().scan(List.of(dir), ScanListener.NONE);
    assertThat(result.javaParseFallbacks()).singleElement().asString().endsWith("Deep.java");
    assertThat(result.findings()).extracting(f -> f.rule().id()).containsExactly("BWK-SECRET-005");
  }

  @Test
  void modernJavaSyntax_isParsed_notAFallback(@TempDir Path dir) throws IOException {
    String code =
        """
        sealed interface Shape permits Circle, Square {}
        record Circle(double r) implements Shape {}
        record Square(double s) implements Shape {}
        final class Modern {
          static double area(Shape shape) {
            return switch (shape) {
              case Circle(double r) when r > 0 -> Math.PI * r * r;
              case Circle c -> 0;
              case Square(var s) -> s * s;
            };
          }
          Object cipher() throws Exception {
            var text = "not a text block";
            return javax.crypto.Cipher.getInstance("AES");
          }
        }
        """;
    Files.writeString(dir.resolve("Modern.java"), code);
    ScanResult result = Scanner.defaults().scan(List.of(dir), ScanListener.NONE);
    assertThat(result.javaParseFallbacks()).isEmpty();
    assertThat(ids(result.findings())).containsExactly("BWK-JAVA-009");
    assertThat(result.findings().getFirst().line()).isEqualTo(14);
  }

  @Test
  void missingRoot_isAnIoError(@TempDir Path dir) {
    assertThatThrownBy(() -> Scanner.defaults().scan(List.of(dir.resolve("nope")), ScanListener.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no such file");
  }

  @Test
  void singleFileRoot_isScannedUnderItsOwnName(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("app.env");
    Files.writeString(file, "API_TOKEN=" + Corpus.random(RANDOM, "abcdefghijABCDEFGHIJ0123456789", 32) + "\n");
    ScanResult result = Scanner.defaults().scan(List.of(file), ScanListener.NONE);
    assertThat(ids(result.findings())).containsExactly("BWK-SECRET-012");
    assertThat(result.findings().getFirst().path()).isEqualTo(file.normalize().toString().replace('\\', '/'));
  }

  @Test
  void badArguments_areRejected() {
    assertThatThrownBy(() -> Scanner.defaults().withMaxFileBytes(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Scanner.defaults().withThreads(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
