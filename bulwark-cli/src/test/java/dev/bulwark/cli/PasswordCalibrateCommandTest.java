package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PasswordCalibrateCommandTest {
  private static final Pattern CHOSEN = Pattern.compile("  m=(\\d+),t=(\\d+),p=1   one hash: (\\d+) ms \\(fastest of 3\\)");

  @Test
  void calibrate_smallBudget_printsParametersAtLeastOwaspsMinimum_andHowToConfigureThem() {
    CliRun run = CliRun.inProcess("password", "calibrate", "--target-ms", "40", "--memory-mib", "19");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    Matcher m = CHOSEN.matcher(run.stdout());
    assertThat(m.find()).as(run.stdout()).isTrue();
    int memory = Integer.parseInt(m.group(1));
    int passes = Integer.parseInt(m.group(2));
    assertThat(memory).isEqualTo(19 * 1024);
    assertThat(passes).isBetween(2, 16);
    assertThat(Integer.parseInt(m.group(3))).isPositive();
    assertThat(run.stdout())
        .startsWith("Argon2id for this host (target 40 ms, at most 19 MiB):\n")
        .contains("PasswordPolicy.builder().argon2(new Argon2Parameters(19456, " + passes + ", 1)).build()")
        .contains("$argon2id$v=19$m=19456,t=" + passes + ",p=1$")
        .contains("  implementation: ");
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void calibrate_outOfRangeTargetOrMemory_exits2_withOneLine() {
    for (String[] args : List.of(
        new String[] {"--target-ms", "0"},
        new String[] {"--target-ms", "10001"},
        new String[] {"--memory-mib", "18"},
        new String[] {"--memory-mib", "257"},
        new String[] {"--memory-mib", "lots"})) {
      List<String> all = new ArrayList<>(List.of("password", "calibrate"));
      all.addAll(List.of(args));
      CliRun run = CliRun.inProcess(all.toArray(String[]::new));
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.stdout()).isEmpty();
      assertThat(run.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void passwordHelp_asProcess_listsEverySubcommand() {
    CliRun run = CliRun.asProcess("password", "--help");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    for (String sub : List.of("hash", "verify", "check", "build-filter", "calibrate")) {
      assertThat(run.stdout()).as(sub).containsPattern("(?m)^\\s+" + sub + "\\s");
    }
    CliRun bare = CliRun.inProcess("password");
    assertThat(bare.exitCode()).isEqualTo(2);
    assertThat(bare.stderr()).contains("hash, verify, check, build-filter or calibrate");
  }

  @Test
  void asProcess_withNativeAccess_usesTheNativeLibraries_withoutIt_fallsBackQuietly() {
    CliRun plain = calibrateProcess(List.of());
    assertThat(plain.exitCode()).as(plain.stderr()).isZero();
    assertThat(plain.stdout()).contains("implementation: Bouncy Castle (pure Java); native access not enabled");
    assertThat(plain.stderr()).as("no restricted-method warning without the grant").isEmpty();

    CliRun forced = calibrateProcess(List.of("--enable-native-access=ALL-UNNAMED", "-Dbulwark.argon2.native=false"));
    assertThat(forced.stdout()).contains("implementation: Bouncy Castle (pure Java); bulwark.argon2.native=false");

    CliRun granted = calibrateProcess(List.of("--enable-native-access=ALL-UNNAMED"));
    assertThat(granted.exitCode()).as(granted.stderr()).isZero();
    assertThat(granted.stderr()).isEmpty();
    if (!granted.stdout().contains("libsodium")) {
      dev.bulwark.testkit.Requirements.unavailable("libsodium / libargon2", "apt-get install libsodium23 libargon2-1");
    }
    assertThat(granted.stdout()).contains("native libraries passed their self-tests");
  }

  private static CliRun calibrateProcess(List<String> jvmArgs) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of("password", "calibrate", "--target-ms", "20", "--memory-mib", "19"));
    Processes.Result r = Processes.run(command, new byte[0], Map.of(), Duration.ofSeconds(120));
    return new CliRun(r.exitCode(), r.stdout(), r.stderr());
  }
}
