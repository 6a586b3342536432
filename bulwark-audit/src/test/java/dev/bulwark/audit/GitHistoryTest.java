package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHistoryTest {
  private final String token = "ghp_" + Corpus.random(new SplittableRandom(11), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789", 36);

  private static void git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Audit Test", "-c", "user.email=audit@test.invalid", "-c", "commit.gpgsign=false", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
  }

  private static void requireGit() {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")), "git is not installed");
  }

  @Test
  void secretDeletedInALaterCommit_isStillFound_withItsLineInThatCommit(@TempDir Path dir) throws Exception {
    requireGit();
    git(dir, "init", "-q");
    Files.writeString(dir.resolve("ci.yml"), "name: build\nsteps: []\n");
    git(dir, "add", "ci.yml");
    git(dir, "commit", "-q", "-m", "first");
    Files.writeString(dir.resolve("ci.yml"), "name: build\nsteps: []\ndeploy_token: " + token + "\n");
    git(dir, "commit", "-q", "-am", "add token");
    Files.writeString(dir.resolve("ci.yml"), "name: build\nsteps: []\n");
    git(dir, "commit", "-q", "-am", "remove token");

    assertThat(Scanner.defaults().scan(List.of(dir), ScanListener.NONE).findings()).isEmpty();
    List<Finding> history = GitHistory.using(Scanner.defaults(), Duration.ofMinutes(1)).scan(dir);

    assertThat(history).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(Rules.GITHUB_TOKEN);
      assertThat(f.path()).isEqualTo("ci.yml");
      assertThat(f.line()).isEqualTo(3);
      assertThat(f.excerpt()).startsWith("commit ").doesNotContain(token.substring(4));
    });
    // The same secret in the working tree has the same fingerprint: one baseline entry covers both.
    Finding inTree = Scanner.defaults().scanText("ci.yml", "deploy_token: " + token + "\n").getFirst();
    assertThat(history.getFirst().fingerprint()).isEqualTo(inTree.fingerprint());
  }

  @Test
  void notARepository_isAnIoError(@TempDir Path dir) {
    requireGit();
    assertThatThrownBy(() -> GitHistory.using(Scanner.defaults(), Duration.ofMinutes(1)).scan(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("git log failed");
  }

  @Test
  void parse_tracksHunkLineNumbers_andIgnoresHeadersAndRemovedLines() throws IOException {
    String log =
        "\u0001commit 0123456789abcdef\n\n"
            + "diff --git a/app.env b/app.env\n--- a/app.env\n+++ b/app.env\n"
            + "@@ -10,0 +11,2 @@\n+A=1\n+GH=" + token + "\n"
            + "@@ -40 +42 @@\n-OLD=" + token + "\n+NEW=2\n"
            + "diff --git a/gone.txt b/gone.txt\n--- a/gone.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-" + token + "\n";
    List<Finding> findings = new ArrayList<>();
    GitHistory.using(Scanner.defaults(), Duration.ofSeconds(5)).parse(new BufferedReader(new StringReader(log)), findings);
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo("app.env");
      assertThat(f.line()).isEqualTo(12);
      assertThat(f.excerpt()).startsWith("commit 0123456789ab:");
    });
  }

  @Test
  void nonPositiveTimeout_isRejected() {
    assertThatThrownBy(() -> GitHistory.using(Scanner.defaults(), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
