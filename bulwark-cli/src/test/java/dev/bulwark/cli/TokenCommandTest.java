package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.crypto.tokens.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenCommandTest {
  @Test
  void urlsafe_32Bytes_prints43UrlSafeCharacters() {
    CliRun run = CliRun.inProcess("token", "urlsafe", "--bytes", "32");
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).matches("[A-Za-z0-9_-]{43}\n");
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void urlsafe_defaultsTo32Bytes() {
    assertThat(CliRun.inProcess("token", "urlsafe").stdout().strip()).hasSize(43);
  }

  @Test
  void hex_printsTwoCharactersPerByte() {
    CliRun run = CliRun.inProcess("token", "hex", "--bytes", "16");
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).matches("[0-9a-f]{32}\n");
  }

  @Test
  void apiKey_printsWellFormedKey() {
    CliRun run = CliRun.inProcess("token", "api-key");
    assertThat(run.exitCode()).isZero();
    assertThat(ApiKeys.isWellFormed(run.stdout().strip())).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "1025", "abc", "99999999999"})
  void badByteCount_exits2WithOneLine(String bytes) {
    CliRun run = CliRun.inProcess("token", "urlsafe", "--bytes", bytes);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr().lines()).hasSize(1);
    assertThat(run.stderr()).startsWith("bulwark token urlsafe: ").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void unknownSubcommandOrOption_exits2WithOneLine() {
    for (String[] args :
        new String[][] {{"token", "nope"}, {"nope"}, {"token", "hex", "--nope"}, {"token"}, {}}) {
      CliRun run = CliRun.inProcess(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.stderr().lines()).as(String.join(" ", args)).hasSize(1);
    }
  }

  @Test
  void help_isAvailableOnEveryCommand() {
    for (String[] args :
        new String[][] {{"--help"}, {"token", "--help"}, {"token", "urlsafe", "--help"}, {"token", "hex", "--help"}, {"token", "api-key", "--help"}}) {
      CliRun run = CliRun.inProcess(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(run.stdout()).as(String.join(" ", args)).contains("Usage:");
    }
  }

  @Test
  void asProcess_printsTokenAndExitsZero() {
    CliRun run = CliRun.asProcess("token", "urlsafe", "--bytes", "32");
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).matches("[A-Za-z0-9_-]{43}\n");
  }

  @Test
  void asProcess_badInput_exits2WithOneLineAndNoStackTrace() {
    CliRun run = CliRun.asProcess("token", "hex", "--bytes", "0");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr().lines()).hasSize(1);
    assertThat(run.stdout()).isEmpty();
  }
}
