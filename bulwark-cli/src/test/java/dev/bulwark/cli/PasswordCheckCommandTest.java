package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordCheckCommandTest {
  @TempDir Path dir;

  @Test
  void acceptablePassphrase_exits0_withTheEstimate() {
    RawCliRun run = RawCliRun.inProcess("violet kettle mosaic drift\n", "password", "check");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).startsWith("acceptable\nstrength: 4/4 (about 10^");
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void rejected_exits1_printsEveryReasonCode_andNeverThePassword() {
    RawCliRun run = RawCliRun.inProcess("alice-zq7-mv4\n", "password", "check", "--username", "alice");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).startsWith("rejected\n")
        .contains("too_short: use at least 15 characters")
        .contains("context_word: do not use your user name in the password")
        .doesNotContain("zq7");
    assertThat(run.stderr()).isEqualTo("bulwark password check: password rejected (too_short, context_word)\n");
  }

  @Test
  void mfa_lowersTheMinimumTo8_butCommonPasswordsStayRejected() {
    assertThat(RawCliRun.inProcess("zq7 mv4k", "password", "check", "--mfa").exitCode()).isZero();
    RawCliRun common = RawCliRun.inProcess("password", "password", "check", "--mfa");
    assertThat(common.exitCode()).isEqualTo(1);
    assertThat(common.stdout()).contains("breached: ");
  }

  @Test
  void buildFilter_thenCheck_rejectsAListedPassword() throws Exception {
    Path corpus = dir.resolve("corpus.txt");
    Files.writeString(corpus, "violet kettle mosaic drift\nanother listed passphrase\n", StandardCharsets.UTF_8);
    Path filter = dir.resolve("list.bwbf");
    RawCliRun built = RawCliRun.inProcess("", "password", "build-filter", "--in", corpus.toString(), "--out", filter.toString());
    assertThat(built.exitCode()).as(built.stderr()).isZero();
    assertThat(built.stdout()).startsWith("list.bwbf: 2 entries, 72 bytes, k=22, ");
    RawCliRun run = RawCliRun.inProcess("violet kettle mosaic drift\n", "password", "check", "--filter", filter.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).contains("breached: ");
    assertThat(RawCliRun.inProcess("cobalt lantern orchard hum\n", "password", "check", "--filter", filter.toString()).exitCode())
        .isZero();
  }

  @Test
  void buildFilter_refusesToOverwrite_badCorpusLines_andLeavesNoPartialOutput() throws Exception {
    Path corpus = dir.resolve("hibp.txt");
    Files.writeString(corpus, "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:10\nnot-a-hash-line\n");
    Path out = dir.resolve("f.bwbf");
    RawCliRun bad = RawCliRun.inProcess("", "password", "build-filter", "--in", corpus.toString(), "--out", out.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).isEqualTo("bulwark password build-filter: hibp.txt: corpus line 2 is not a HIBP SHA1:count line\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("hibp.txt");
    }
    Files.writeString(corpus, "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:10\n");
    assertThat(RawCliRun.inProcess("", "password", "build-filter", "--in", corpus.toString(), "--out", out.toString()).exitCode()).isZero();
    RawCliRun again = RawCliRun.inProcess("", "password", "build-filter", "--in", corpus.toString(), "--out", out.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.stderr()).contains("exists (use --force");
    assertThat(RawCliRun.inProcess("", "password", "build-filter", "--in", corpus.toString(), "--out", out.toString(), "--force")
        .exitCode()).isZero();
    RawCliRun rate = RawCliRun.inProcess("", "password", "build-filter", "--in", corpus.toString(), "--out", out.toString(),
        "--force", "--false-positive-rate", "0.5");
    assertThat(rate.exitCode()).isEqualTo(2);
  }

  @Test
  void corruptFilterOrInvalidUtf8Stdin_exits2_withOneLine() throws Exception {
    Path junk = dir.resolve("junk.bwbf");
    Files.write(junk, new byte[100]);
    RawCliRun run = RawCliRun.inProcess("violet kettle mosaic drift\n", "password", "check", "--filter", junk.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).isEqualTo("bulwark password check: junk.bwbf: not a Bulwark breached-password filter (bad magic)\n");
    RawCliRun latin1 = RawCliRun.inProcess(new byte[] {(byte) 0xE9, 't', 'e'}, "password", "check");
    assertThat(latin1.exitCode()).isEqualTo(2);
    assertThat(latin1.stderr()).isEqualTo("bulwark password check: the password on stdin is not valid UTF-8\n");
  }

  @Test
  void asAProcess_readsStdin_andExits1() {
    CliRun run = CliRun.asProcess("aaaaaaaaaaaaaaaaaaaa\n".getBytes(StandardCharsets.UTF_8), "password", "check");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).contains("repetitive: ");
    assertThat(run.stderr()).hasLineCount(1).doesNotContain("at dev.");
  }
}
