package dev.bulwark.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.Main;
import dev.bulwark.testkit.Processes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
  @TempDir Path dir;
  Path file;
  Path keyFile;
  String masterKeyText;
  /** Built at run time: the tree is audited for secret-looking literals. */
  final String dbValue = "pg-" + Long.toHexString(new SecureRandom().nextLong());

  @BeforeEach
  void setUp() throws Exception {
    file = dir.resolve("app.config");
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    masterKeyText = Base64.getEncoder().encodeToString(raw);
    keyFile = Files.writeString(dir.resolve("master.key"), masterKeyText + "\n");
  }

  /** One run of {@code bulwark} as a separate process, the master key in its environment. */
  private Processes.Result process(String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return Processes.run(command, stdin.getBytes(StandardCharsets.UTF_8),
        Map.of("BULWARK_MASTER_KEY", masterKeyText), Duration.ofSeconds(60));
  }

  private record Run(int exitCode, String stdout, String stderr) {}

  /** One in-process run with the master key from the key file. */
  private Run run(String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--file", file.toString(), "--master-key-file", keyFile.toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    int code = Main.run(all.toArray(String[]::new), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        out, new PrintWriter(err, true));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
  }

  @Test
  void roundTripRotateAndTamperDetection_asAProcess() throws Exception {
    String f = file.toString();
    Processes.Result init = process("", "config", "init", "--file", f);
    assertThat(init.exitCode()).as(init.stderr()).isZero();
    Processes.Result set = process(dbValue + "\n", "config", "set", "DB_PASSWORD", "--file", f);
    assertThat(set.exitCode()).as(set.stderr()).isZero();
    assertThat(process("t-1", "config", "set", "API_TOKEN", "--file", f).exitCode()).isZero();

    Processes.Result get = process("", "config", "get", "DB_PASSWORD", "--file", f);
    assertThat(get.exitCode()).as(get.stderr()).isZero();
    assertThat(get.stdout()).isEqualTo(dbValue);
    assertThat(process("", "config", "list", "--file", f).stdout()).isEqualTo("API_TOKEN\nDB_PASSWORD\n");
    assertThat(Files.readString(file)).doesNotContain(dbValue).doesNotContain(masterKeyText);

    Processes.Result rotate = process("", "config", "rotate", "--file", f);
    assertThat(rotate.exitCode()).as(rotate.stderr()).isZero();
    assertThat(rotate.stdout().strip()).matches("[0-9]+");
    assertThat(process("", "config", "get", "DB_PASSWORD", "--file", f).stdout()).isEqualTo(dbValue);

    // Tamper: move DB_PASSWORD's ciphertext onto API_TOKEN's line, as an attacker with write access could.
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    String apiLine = lines.get(2);
    String dbLine = lines.get(3);
    lines.set(2, "value API_TOKEN " + dbLine.split(" ")[2]);
    lines.set(3, "value DB_PASSWORD " + apiLine.split(" ")[2]);
    Files.writeString(file, String.join("\n", lines) + "\n");
    Processes.Result tampered = process("", "config", "get", "API_TOKEN", "--file", f);
    assertThat(tampered.exitCode()).isEqualTo(1);
    assertThat(tampered.stdout()).isEmpty();
    assertThat(tampered.stderr()).contains("was modified").doesNotContain(dbValue).doesNotContain("Exception")
        .hasLineCount(1);
  }

  @Test
  void missingMasterKey_asAProcess_saysWhatToSet() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "config", "init", "--file", file.toString());
    builder.environment().remove("BULWARK_MASTER_KEY");
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    process.getOutputStream().close();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(stderr).contains("BULWARK_MASTER_KEY").contains("--master-key-file").hasLineCount(1);
    assertThat(file).doesNotExist();
  }

  @Test
  void init_refusesToOverwrite() {
    assertThat(run("", "config", "init").exitCode()).isZero();
    Run again = run("", "config", "init");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.stderr()).contains("refusing to overwrite").hasLineCount(1);
  }

  @Test
  void set_takesTheValueOnStdinOnly_andRefusesEmptyOrOversizedValues() {
    assertThat(run("", "config", "init").exitCode()).isZero();
    Run empty = run("\n", "config", "set", "A");
    assertThat(empty.exitCode()).isEqualTo(2);
    assertThat(empty.stderr()).contains("no value on stdin");
    Run big = run("x".repeat(64 * 1024 + 10), "config", "set", "A");
    assertThat(big.exitCode()).isEqualTo(2);
    Run extra = run("v", "config", "set", "A", "the-value-as-an-argument");
    assertThat(extra.exitCode()).isEqualTo(2);
    assertThat(run("", "config", "list").stdout()).isEmpty();
    assertThat(run("two\nlines\r\n", "config", "set", "A").exitCode()).isZero();
    assertThat(run("", "config", "get", "A").stdout()).isEqualTo("two\nlines");
  }

  @Test
  void missingNameOrFile_andInvalidName_exitWithAHint() {
    Run noFile = run("", "config", "list");
    assertThat(noFile.exitCode()).isEqualTo(2);
    assertThat(noFile.stderr()).contains("bulwark config init");
    assertThat(run("", "config", "init").exitCode()).isZero();
    Run absent = run("", "config", "get", "ABSENT");
    assertThat(absent.exitCode()).isEqualTo(1);
    assertThat(absent.stderr()).contains("no value named ABSENT");
    assertThat(run("", "config", "remove", "ABSENT").exitCode()).isEqualTo(1);
    Run traversal = run("x", "config", "set", "../../etc/passwd");
    assertThat(traversal.exitCode()).isEqualTo(2);
    assertThat(traversal.stderr()).doesNotContain("etc/passwd").hasLineCount(1);
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"config", "list", "--master-key-file", keyFile.toString()},
        new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--file");
  }

  @Test
  void wrongMasterKey_exits1WithoutLeakingEitherKey() throws Exception {
    assertThat(run("", "config", "init").exitCode()).isZero();
    assertThat(run(dbValue, "config", "set", "DB_PASSWORD").exitCode()).isZero();
    byte[] other = new byte[32];
    new SecureRandom().nextBytes(other);
    String otherText = Base64.getEncoder().encodeToString(other);
    Files.writeString(keyFile, otherText);
    Run run = run("", "config", "get", "DB_PASSWORD");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains("wrong master key").doesNotContain(otherText).doesNotContain(masterKeyText)
        .doesNotContain(dbValue).hasLineCount(1);
    assertThat(run.stdout()).isEmpty();
  }

  @Test
  void removeAndList() {
    assertThat(run("", "config", "init", "--preset", "xchacha20_poly1305").exitCode()).isZero();
    assertThat(run("1", "config", "set", "B").exitCode()).isZero();
    assertThat(run("2", "config", "set", "A").exitCode()).isZero();
    assertThat(run("", "config", "list").stdout()).isEqualTo("A\nB\n");
    assertThat(run("", "config", "remove", "B").exitCode()).isZero();
    assertThat(run("", "config", "list").stdout()).isEqualTo("A\n");
  }

  @Test
  void malformedFile_exits2() throws Exception {
    Files.writeString(file, "not a config\n");
    Run run = run("", "config", "list");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("malformed configuration file").hasLineCount(1);
  }
}
