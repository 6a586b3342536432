package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.channel.ChannelIdentity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark channel}: keygen in process, serve as a real process, connect in process. */
class ChannelCommandTest {
  @TempDir Path dir;
  private final List<Process> servers = new ArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(Process::destroyForcibly);
  }

  private String keygen(Path file, String... extra) {
    List<String> args = new ArrayList<>(List.of("channel", "keygen", "--out", file.toString()));
    args.addAll(List.of(extra));
    CliRun run = CliRun.inProcess(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    return run.stdout().strip();
  }

  /** Starts {@code bulwark channel serve} as a process and returns its port once it listens. */
  private int serve(Path identity, String... mode) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "channel", "serve", "--listen", "127.0.0.1:0", "--identity", identity.toString()));
    command.addAll(List.of(mode));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    servers.add(process);
    String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
    assertThat(line).startsWith("listening on 127.0.0.1:");
    return Integer.parseInt(line.split(" ")[2].split(":")[1]);
  }

  @Test
  void keygen_writesOwnerOnlyIdentityAndPrintsItsPin() throws Exception {
    Path file = dir.resolve("server.identity");
    String pin = keygen(file, "--ml-dsa");
    assertThat(pin).startsWith("bwch1_");
    assertThat(ChannelIdentity.parse(Files.readAllBytes(file)).pin().toString()).isEqualTo(pin);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void keygen_existingFile_refusedWithExit2() throws Exception {
    Path file = dir.resolve("server.identity");
    Files.writeString(file, "keep me");
    CliRun run = CliRun.inProcess("channel", "keygen", "--out", file.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("refusing to overwrite").hasLineCount(1);
    assertThat(Files.readString(file)).isEqualTo("keep me");
  }

  @Test
  void serveEcho_connectWithPin_pipesStdinToStdout() throws Exception {
    Path identity = dir.resolve("id");
    String pin = keygen(identity);
    int port = serve(identity, "--echo");
    RawCliRun run = RawCliRun.inProcess("hello over the channel\n", "channel", "connect", "127.0.0.1:" + port, "--pin", pin);
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).isEqualTo("hello over the channel\n");
  }

  @Test
  void connect_wrongPin_exit1WithOneLine() throws Exception {
    Path identity = dir.resolve("id");
    keygen(identity);
    String otherPin = keygen(dir.resolve("other"));
    int port = serve(identity, "--echo");
    RawCliRun run = RawCliRun.inProcess("secret", "channel", "connect", "127.0.0.1:" + port, "--pin", otherPin);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).contains("does not match the pin").hasLineCount(1).doesNotContain("Exception");
  }

  @Test
  void serveExec_runsAbsoluteCommandPerStreamWithoutShell() throws Exception {
    Path identity = dir.resolve("id");
    String pin = keygen(identity);
    int port = serve(identity, "--exec", "/usr/bin/tr", "a-z", "A-Z");
    RawCliRun run = RawCliRun.inProcess("shout; $(id)", "channel", "connect", "127.0.0.1:" + port, "--pin", pin);
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).isEqualTo("SHOUT; $(ID)");
  }

  @Test
  void serveExec_relativeProgram_refusedWithExit2() throws Exception {
    Path identity = dir.resolve("id");
    keygen(identity);
    CliRun run = CliRun.inProcess("channel", "serve", "--listen", "127.0.0.1:0", "--identity", identity.toString(), "--exec", "tr");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("absolute path");
  }

  @Test
  void connect_badPinText_exit2() {
    CliRun run = CliRun.inProcess("channel", "connect", "127.0.0.1:1", "--pin", "not-a-pin");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).hasLineCount(1);
  }
}
