package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  @TempDir Path dir;

  /** A GitHub-token-shaped value built at run time, so no such literal is in the repository. */
  private static String token() {
    SecureRandom random = new SecureRandom();
    StringBuilder out = new StringBuilder("gh" + "p_");
    for (int i = 0; i < 36; i++) {
      out.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
    }
    return out.toString();
  }

  @Test
  void cleanTree_exitsZero() throws IOException {
    Files.writeString(dir.resolve("Main.java"), "class Main { public static void main(String[] a) { System.out.println(1); } }\n");
    CliRun run = CliRun.inProcess("audit", dir.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo("0 findings in 1 file scanned\n");
  }

  @Test
  void findings_exitOne_andTheSecretIsNotPrinted() throws IOException {
    String token = token();
    Files.writeString(dir.resolve("ci.yml"), "deploy_token: " + token + "\n");
    CliRun run = CliRun.inProcess("audit", dir.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).contains("ci.yml:1:15: CRITICAL BWK-SECRET-005").contains("fix: ").doesNotContain(token.substring(4));
  }

  @Test
  void sarif_isTheSarifLogWithOneResult() throws IOException {
    Files.writeString(dir.resolve("a.env"), "GH=" + token() + "\n");
    CliRun run = CliRun.inProcess("audit", "--format", "sarif", dir.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    // The structure is checked in bulwark-audit's ReportsTest; here: the command emits that log.
    assertThat(run.stdout()).startsWith("{\"$schema\":").contains("\"version\":\"2.1.0\"").endsWith("}\n");
    assertThat(run.stdout().split("\"ruleId\":\"BWK-SECRET-005\"", -1)).hasSize(2);
  }

  @Test
  void baseline_suppressesKnownFindings_andReportsNewOnes() throws IOException {
    Path source = dir.resolve("src");
    Files.createDirectories(source);
    Files.writeString(source.resolve("a.env"), "GH=" + token() + "\n");
    Path baseline = dir.resolve("baseline.json");

    CliRun update = CliRun.inProcess("audit", "--baseline", baseline.toString(), "--update-baseline", source.toString());
    assertThat(update.exitCode()).isZero();
    assertThat(update.stdout()).contains("1 findings, 1 without a reason yet");
    assertThat(CliRun.inProcess("audit", "--baseline", baseline.toString(), source.toString()).exitCode()).isZero();

    Files.writeString(source.resolve("a.env"), "\n\nGH=" + Files.readString(source.resolve("a.env")).substring(3));
    assertThat(CliRun.inProcess("audit", "--baseline", baseline.toString(), source.toString()).exitCode()).as("moved lines keep the fingerprint").isZero();

    Files.writeString(source.resolve("b.env"), "GH=" + token() + "\n");
    CliRun after = CliRun.inProcess("audit", "--format", "json", "--baseline", baseline.toString(), source.toString());
    assertThat(after.exitCode()).isEqualTo(1);
    assertThat(after.stdout()).contains("b.env").doesNotContain("a.env");
  }

  @Test
  void gitHistory_findsASecretThatWasDeleted_andAGitFailureExitsTwo() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")), "git is not installed");
    String token = token();
    Files.writeString(dir.resolve("a.env"), "GH=" + token + "\n");
    git("init", "-q");
    git("add", "a.env");
    git("commit", "-q", "-m", "add");
    Files.writeString(dir.resolve("a.env"), "GH=\n");
    git("commit", "-q", "-am", "remove");

    assertThat(CliRun.inProcess("audit", dir.toString()).exitCode()).isZero();
    CliRun history = CliRun.inProcess("audit", "--git-history", dir.toString());
    assertThat(history.exitCode()).isEqualTo(1);
    assertThat(history.stdout()).contains("a.env:1:4: CRITICAL BWK-SECRET-005").contains("commit ").doesNotContain(token.substring(4));

    // A repository git cannot read: git fails, the command reports it as an input error.
    Files.writeString(dir.resolve(".git/HEAD"), "not a ref\n");
    CliRun broken = CliRun.inProcess("audit", "--git-history", dir.toString());
    assertThat(broken.exitCode()).isEqualTo(2);
    assertThat(broken.stderr()).contains("git log failed");
  }

  private void git(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Audit Test", "-c", "user.email=audit@test.invalid", "-c", "commit.gpgsign=false", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
  }

  @Test
  void usageErrors_exitTwo() throws IOException {
    assertThat(CliRun.inProcess("audit", "--update-baseline", dir.toString()).exitCode()).isEqualTo(2);
    assertThat(CliRun.inProcess("audit", dir.resolve("missing").toString()).exitCode()).isEqualTo(2);
    assertThat(CliRun.inProcess("audit", "--format", "xml", dir.toString()).exitCode()).isEqualTo(2);
    Path bad = Files.writeString(dir.resolve("bad.json"), "{not json");
    CliRun badBaseline = CliRun.inProcess("audit", "--baseline", bad.toString(), dir.toString());
    assertThat(badBaseline.exitCode()).isEqualTo(2);
    assertThat(badBaseline.stderr()).contains("baseline");
  }

  @Test
  void asAProcessWithoutATerminal_printsNoProgress() throws IOException {
    Files.writeString(dir.resolve("a.txt"), "nothing here\n");
    CliRun run = CliRun.asProcess("audit", dir.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.stderr()).isEmpty();
  }
}
