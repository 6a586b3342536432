package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashCommandTest {
  private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @TempDir Path dir;

  private Path file(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  /** Runs a coreutils tool when it is installed; skips the calling test otherwise. */
  private static String coreutils(String tool, String... args) throws IOException, InterruptedException {
    Path binary = Path.of("/usr/bin", tool);
    Assumptions.assumeTrue(Files.isExecutable(binary), tool + " is not installed");
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void defaultAlgorithm_isSha256_inSha256sumFormat() throws IOException {
    Path abc = file("abc.txt", "abc".getBytes(StandardCharsets.US_ASCII));
    RawCliRun run = RawCliRun.inProcess(new byte[0], "hash", abc.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo(ABC_SHA256 + "  " + abc + "\n");
  }

  @Test
  void output_isIdenticalToCoreutils_forEveryAlgorithmCoreutilsHas() throws Exception {
    byte[] data = new byte[200_000];
    new SecureRandom().nextBytes(data);
    Path a = file("a.bin", data);
    Path b = file("b with space.txt", "hello\n".getBytes(StandardCharsets.US_ASCII));
    String[][] pairs = {{"sha256", "sha256sum"}, {"sha512", "sha512sum"}, {"blake2b-512", "b2sum"}};
    for (String[] pair : pairs) {
      String ours = RawCliRun.inProcess(new byte[0], "hash", "--alg", pair[0], a.toString(), b.toString()).stdout();
      assertThat(ours).as(pair[0]).isEqualTo(coreutils(pair[1], a.toString(), b.toString()));
    }
    String ours256 = RawCliRun.inProcess(new byte[0], "hash", "--alg", "blake2b-256", a.toString()).stdout();
    assertThat(ours256).isEqualTo(coreutils("b2sum", "-l", "256", a.toString()));
  }

  @Test
  void ourListPassesSha256sumCheck_andSha256sumListPassesOurCheck() throws Exception {
    Path a = file("a.txt", "first".getBytes(StandardCharsets.US_ASCII));
    Path b = file("b.txt", "second".getBytes(StandardCharsets.US_ASCII));
    Path ours = file("ours.sha256", RawCliRun.inProcess(new byte[0], "hash", a.toString(), b.toString()).stdoutBytes());
    assertThat(coreutils("sha256sum", "--check", ours.toString())).isEqualTo(a + ": OK\n" + b + ": OK\n");
    Path theirs = file("theirs.sha256", coreutils("sha256sum", a.toString(), b.toString()).getBytes(StandardCharsets.UTF_8));
    RawCliRun check = RawCliRun.inProcess(new byte[0], "hash", "--check", theirs.toString());
    assertThat(check.exitCode()).isZero();
    assertThat(check.stdout()).isEqualTo(a + ": OK\n" + b + ": OK\n");
  }

  @Test
  void stdin_isHashedForDashOrNoFile() {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    assertThat(RawCliRun.inProcess(abc, "hash").stdout()).isEqualTo(ABC_SHA256 + "  -\n");
    assertThat(RawCliRun.inProcess(abc, "hash", "-").stdout()).isEqualTo(ABC_SHA256 + "  -\n");
    assertThat(RawCliRun.inProcess(abc, "hash", "--alg", "sha3-256").stdout())
        .isEqualTo("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532  -\n");
  }

  @Test
  void check_reportsOkAndFailed_andExits1OnAnyMismatch() throws IOException {
    Path good = file("good", "good".getBytes(StandardCharsets.US_ASCII));
    Path bad = file("bad", "bad".getBytes(StandardCharsets.US_ASCII));
    String list = RawCliRun.inProcess(new byte[0], "hash", "--alg", "sha3-512", good.toString(), bad.toString()).stdout();
    Files.writeString(bad, "changed");
    Path listFile = file("list", list.getBytes(StandardCharsets.UTF_8));
    RawCliRun run = RawCliRun.inProcess(new byte[0], "hash", "--alg", "sha3-512", "--check", listFile.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).isEqualTo(good + ": OK\n" + bad + ": FAILED\n");
    assertThat(run.stderr().lines()).hasSize(1);
    assertThat(run.stderr()).contains("1 of 2");
    RawCliRun fromStdin = RawCliRun.inProcess(list, "hash", "--alg", "sha3-512", "--check", "-");
    assertThat(fromStdin.exitCode()).isEqualTo(1);
    assertThat(fromStdin.stdout()).isEqualTo(run.stdout());
  }

  @Test
  void check_malformedListOrMissingFile_exits2WithOneLineAndNoListing() throws IOException {
    Path present = file("present", "x".getBytes(StandardCharsets.US_ASCII));
    String okLine = RawCliRun.inProcess(new byte[0], "hash", present.toString()).stdout();
    List<String> badLists =
        List.of(
            "not a checksum line\n",
            ABC_SHA256.substring(1) + "  " + present + "\n", // short hex
            ABC_SHA256.replace('a', 'g') + "  " + present + "\n", // not hex
            ABC_SHA256 + " " + present + "\n", // one space
            okLine + ABC_SHA256 + "  " + dir.resolve("missing") + "\n", // second file missing
            "\n\n", // no lines
            "\\" + ABC_SHA256 + "  bad\\escape\n");
    for (String list : badLists) {
      Path listFile = file("list", list.getBytes(StandardCharsets.UTF_8));
      RawCliRun run = RawCliRun.inProcess(new byte[0], "hash", "--check", listFile.toString());
      assertThat(run.exitCode()).as(list).isEqualTo(2);
      assertThat(run.stdoutBytes()).as(list).isEmpty();
      assertThat(run.stderr().lines()).as(list).hasSize(1);
    }
    RawCliRun missingList = RawCliRun.inProcess(new byte[0], "hash", "--check", dir.resolve("nolist").toString());
    assertThat(missingList.exitCode()).isEqualTo(2);
    assertThat(missingList.stderr().lines()).hasSize(1);
  }

  @Test
  void missingFileToHash_orDirectory_exits2BeforePrintingAnything() throws IOException {
    Path present = file("present", "x".getBytes(StandardCharsets.US_ASCII));
    for (String other : new String[] {dir.resolve("absent").toString(), dir.toString()}) {
      RawCliRun run = RawCliRun.inProcess(new byte[0], "hash", present.toString(), other);
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.stdoutBytes()).isEmpty();
      assertThat(run.stderr().lines()).hasSize(1);
      assertThat(run.stderr()).startsWith("bulwark hash: cannot read ");
    }
  }

  @Test
  void unknownAlgorithm_orFilesWithCheck_exit2() throws IOException {
    Path present = file("present", "x".getBytes(StandardCharsets.US_ASCII));
    for (String[] args :
        new String[][] {{"hash", "--alg", "md5", present.toString()}, {"hash", "--check", present.toString(), present.toString()}}) {
      RawCliRun run = RawCliRun.inProcess(new byte[0], args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.stderr().lines()).hasSize(1);
    }
  }

  @Test
  void fileNameWithNewline_isEscapedLikeCoreutils_andChecksBack() throws Exception {
    Path odd = file("odd\nname\\x", "abc".getBytes(StandardCharsets.US_ASCII));
    String ours = RawCliRun.inProcess(new byte[0], "hash", odd.toString()).stdout();
    assertThat(ours).startsWith("\\" + ABC_SHA256 + "  ").endsWith("odd\\nname\\\\x\n");
    assertThat(ours.lines()).hasSize(1);
    Path list = file("list", ours.getBytes(StandardCharsets.UTF_8));
    RawCliRun check = RawCliRun.inProcess(new byte[0], "hash", "--check", list.toString());
    assertThat(check.exitCode()).isZero();
    assertThat(check.stdout()).endsWith("odd\\nname\\\\x: OK\n");
    assertThat(ours).isEqualTo(coreutils("sha256sum", odd.toString()));
  }

  @Test
  void asProcess_hashesStdin() {
    CliRun run = CliRun.asProcess("abc".getBytes(StandardCharsets.US_ASCII), "hash", "--alg", "sha256");
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo(ABC_SHA256 + "  -\n");
  }
}
