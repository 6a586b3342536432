package dev.bulwark.guard.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OS command injection (CWE-78, OWASP "OS Command Injection Defense Cheat Sheet"): shell
 * metacharacters in arguments reach the program as plain text and run nothing.
 */
class CommandInjectionTest {
  private static final Path PRINTF = Path.of("/usr/bin/printf");

  @TempDir Path dir;

  private SafeExec exec() {
    return SafeExec.builder().allow(PRINTF).workingDirectory(dir).timeout(Duration.ofSeconds(20)).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "; touch pwned", "| touch pwned", "&& touch pwned", "|| touch pwned", "$(touch pwned)",
      "`touch pwned`", "> pwned", "< /etc/passwd", "'; touch pwned; '", "\"; touch pwned; \"",
      "\ntouch pwned", "& touch pwned &", "${IFS}touch${IFS}pwned", "*", "~root", "$HOME"})
  void shellMetacharacters_stayInertArguments(String payload) throws Exception {
    ExecResult result = exec().run(PRINTF, List.of("%s", payload));
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdoutText()).isEqualTo(payload);
    assertThat(Files.exists(dir.resolve("pwned"))).isFalse();
  }

  @Test
  void programNotOnAllowlist_isRefused() {
    assertThatThrownBy(() -> exec().run(Path.of("/bin/sh"), List.of("-c", "id")))
        .isInstanceOf(ExecException.class)
        .hasMessageContaining("allowlist");
  }

  @Test
  void relativeOrDottedExecutable_isRefused() {
    assertThatThrownBy(() -> exec().run(Path.of("printf"), List.of("x"))).isInstanceOf(ExecException.class);
    assertThatThrownBy(() -> exec().run(Path.of("/usr/bin/../bin/sh"), List.of("x"))).isInstanceOf(ExecException.class);
  }

  @Test
  void environment_isScrubbed() throws Exception {
    Path env = Path.of("/usr/bin/env");
    SafeExec exec = SafeExec.builder().allow(env).environment("APP_MODE", "test").build();
    String out = exec.run(env, List.of()).stdoutText();
    assertThat(out.lines().map(l -> l.substring(0, l.indexOf('='))).toList())
        .containsExactlyInAnyOrder("PATH", "LANG", "APP_MODE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"LD_PRELOAD", "BASH_ENV", "DYLD_INSERT_LIBRARIES", "JAVA_TOOL_OPTIONS", "BAD-NAME", "A=B"})
  void dangerousEnvironmentVariable_isApiMisuse(String name) {
    assertThatThrownBy(() -> SafeExec.builder().environment(name, "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void workingDirectory_isApplied() throws Exception {
    Path pwd = Path.of("/usr/bin/pwd");
    SafeExec exec = SafeExec.builder().allow(pwd).workingDirectory(dir).build();
    assertThat(exec.run(pwd, List.of()).stdoutText().strip()).isEqualTo(dir.toAbsolutePath().toString());
  }

  @Test
  void slowProgram_isKilledAtTimeout() {
    Path sleep = Path.of("/usr/bin/sleep");
    SafeExec exec = SafeExec.builder().allow(sleep).timeout(Duration.ofMillis(300)).build();
    long start = System.nanoTime();
    assertThatThrownBy(() -> exec.run(sleep, List.of("30")))
        .isInstanceOf(ExecException.class)
        .hasMessageContaining("did not finish");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void floodingProgram_isStoppedAtOutputBound() {
    Path yes = Path.of("/usr/bin/yes");
    SafeExec exec = SafeExec.builder().allow(yes).maxOutputBytes(64 * 1024).timeout(Duration.ofSeconds(20)).build();
    assertThatThrownBy(() -> exec.run(yes, List.of()))
        .isInstanceOf(ExecException.class)
        .hasMessageContaining("more than 65536 bytes");
  }

  @Test
  void nonZeroExit_isAResultNotAnException() throws Exception {
    Path falseBin = Path.of("/usr/bin/false");
    assertThat(SafeExec.builder().allow(falseBin).build().run(falseBin, List.of()).exitCode()).isEqualTo(1);
  }

  @Test
  void nulInArgument_isApiMisuse() {
    assertThatThrownBy(() -> exec().run(PRINTF, List.of("a" + (char) 0 + "b"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builderRefusesRelativeOrMissingExecutables() {
    assertThatThrownBy(() -> SafeExec.builder().allow(Path.of("printf"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SafeExec.builder().allow(dir.resolve("missing"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SafeExec.builder().build()).isInstanceOf(IllegalArgumentException.class);
  }
}
