package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./bulwark} launcher on a machine without a JDK 25 (DESIGN.md §6). */
class LauncherScriptTest {
  @Test
  void withoutJdk25_printsOneLineAndExits2(@TempDir Path temp) throws Exception {
    Path fakeJdk17 = temp.resolve("jdk-17");
    fakeJava(fakeJdk17, "java", "17");
    fakeJava(fakeJdk17, "javac", "17");
    Path launcher = Path.of(System.getProperty("bulwark.root", "..")).resolve("bulwark").toAbsolutePath();

    ProcessBuilder builder = new ProcessBuilder("bash", launcher.toString(), "token", "hex");
    builder.environment().remove("JAVA_HOME");
    builder.environment().put("PATH", fakeJdk17.resolve("bin") + ":/usr/bin:/bin");
    builder.environment().put("BULWARK_JDK_DIRS", temp.resolve("none").toString());
    builder.environment().put("JAVA_HOME", fakeJdk17.toString());
    Process process = builder.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(stdout).isEmpty();
    assertThat(stderr.lines()).hasSize(1);
    assertThat(stderr).contains("JDK 25");
  }

  private static void fakeJava(Path home, String tool, String version) throws IOException {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path script = bin.resolve(tool);
    Files.writeString(
        script,
        "#!/bin/sh\necho '    java.specification.version = " + version + "' >&2\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
