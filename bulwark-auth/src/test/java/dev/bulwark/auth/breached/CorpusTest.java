package dev.bulwark.auth.breached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.testkit.Requirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private static String sha1Hex(String password) {
    return HexFormat.of().withUpperCase().formatHex(Sha1Keys.sha1(password));
  }

  @Test
  void hibpLines_withCountsAndCrLf_buildAFilterOfThoseHashes() throws Exception {
    Path corpus = write("hibp.txt",
        sha1Hex("hunter2") + ":17\r\n" + sha1Hex("letmein").toLowerCase(java.util.Locale.ROOT) + ":3\n" + sha1Hex("dragon") + "\n");
    for (CorpusFormat format : new CorpusFormat[] {CorpusFormat.HIBP_SHA1, CorpusFormat.AUTO}) {
      BreachedFilter f = BreachedFilterBuilder.fromCorpus(corpus, format, 0.001);
      assertThat(f.entries()).isEqualTo(3);
      assertThat(List.of("hunter2", "letmein", "dragon")).allSatisfy(p -> assertThat(f.screen(p)).isEqualTo(ScreenVerdict.FOUND));
    }
  }

  @Test
  void plainList_keepsSpacesAndSkipsEmptyLines() throws Exception {
    Path corpus = write("plain.txt", "correct horse\n\nletmein\r\nno newline at end");
    BreachedFilter f = BreachedFilterBuilder.fromCorpus(corpus, CorpusFormat.AUTO, 0.001);
    assertThat(f.entries()).isEqualTo(3);
    assertThat(f.screen("correct horse")).isEqualTo(ScreenVerdict.FOUND);
    assertThat(f.screen("letmein")).isEqualTo(ScreenVerdict.FOUND);
    assertThat(f.screen("no newline at end")).isEqualTo(ScreenVerdict.FOUND);
  }

  @Test
  void malformedHibpLine_isRejectedByNumber_withoutQuotingIt() throws Exception {
    Path corpus = write("bad.txt", sha1Hex("a") + ":1\n" + "hunter2-secret-line\n");
    assertThatThrownBy(() -> BreachedFilterBuilder.fromCorpus(corpus, CorpusFormat.AUTO, 0.001))
        .isInstanceOf(FilterFormatException.class)
        .hasMessage("corpus line 2 is not a HIBP SHA1:count line");
    for (String bad : new String[] {sha1Hex("a").substring(1), sha1Hex("a") + ":", sha1Hex("a") + ":-1", sha1Hex("a") + "x"}) {
      assertThat(Corpus.isHibpLine(bad)).as(bad).isFalse();
    }
  }

  @Test
  void overlongLineOrInvalidUtf8_isRejected() throws Exception {
    Path longLine = write("long.txt", "ok\n" + "x".repeat(Corpus.MAX_LINE_CHARS + 1) + "\n");
    assertThatThrownBy(() -> BreachedFilterBuilder.fromCorpus(longLine, CorpusFormat.PLAIN, 0.001))
        .isInstanceOf(FilterFormatException.class)
        .hasMessage("corpus line 2 is longer than 1024 characters");
    Path latin1 = dir.resolve("latin1.txt");
    Files.write(latin1, new byte[] {'o', 'k', '\n', (byte) 0xE9, 't', 'e', '\n'});
    assertThatThrownBy(() -> BreachedFilterBuilder.fromCorpus(latin1, CorpusFormat.PLAIN, 0.001))
        .isInstanceOf(FilterFormatException.class)
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void sharedCommonPasswordList_everyEntryIsFound() throws Exception {
    Path vectors = Requirements.vectors("passwords/passwords.txt");
    List<String> passwords = Files.readAllLines(vectors).stream().map(l -> l.split("\\s+")[0]).toList();
    Path plain = dir.resolve("plain.txt");
    Files.write(plain, passwords);
    BreachedFilter f = BreachedFilterBuilder.fromCorpus(plain, CorpusFormat.AUTO, 0.001);
    assertThat(passwords).hasSize(47_023);
    assertThat(passwords).allSatisfy(p -> assertThat(f.screen(p)).isEqualTo(ScreenVerdict.FOUND));
    long falsePositives = passwords.stream().filter(p -> f.screen(p + "\u0001x") == ScreenVerdict.FOUND).count();
    assertThat(falsePositives).as("unlisted variants found").isLessThan(47_023 / 1000 * 2);
  }
}
