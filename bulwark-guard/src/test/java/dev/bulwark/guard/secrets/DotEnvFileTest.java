package dev.bulwark.guard.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvFileTest {
  @TempDir Path dir;

  private Path write(String content, String permissions) throws IOException {
    Path file = dir.resolve(".env");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  private static String value(SecretSource source, String name) throws SecretsException {
    return source.find(name).orElseThrow().insecureValue();
  }

  @Test
  void ownerOnlyFile_isReadWithTheDocumentedSyntax() throws Exception {
    String text = String.join("\n",
        "# comment",
        "",
        "PLAIN=abc def   # trailing comment",
        "export EXPORTED=yes",
        "SINGLE='lit#eral \\n $HOME'",
        "DOUBLE=\"line1\\nline2 \\\"q\\\" \\\\\" # c",
        "EMPTY=",
        "HASH=a#b",
        "  SPACED  =  v  ",
        "");
    SecretSource env = SecretSource.dotEnv(write(text, "rw-------"));
    assertThat(value(env, "PLAIN")).isEqualTo("abc def");
    assertThat(value(env, "EXPORTED")).isEqualTo("yes");
    assertThat(value(env, "SINGLE")).isEqualTo("lit#eral \\n $HOME");
    assertThat(value(env, "DOUBLE")).isEqualTo("line1\nline2 \"q\" \\");
    assertThat(value(env, "EMPTY")).isEmpty();
    assertThat(value(env, "HASH")).isEqualTo("a#b");
    assertThat(value(env, "SPACED")).isEqualTo("v");
    assertThat(env.find("MISSING")).isEmpty();
    assertThat(env.description()).startsWith(".env file ");
  }

  @Test
  void groupOrWorldAccessibleFile_isRefused() throws Exception {
    for (String permissions : new String[] {"rw-r-----", "rw----r--", "rw-rw----", "rw-r--r--", "rw-----w-", "rw----rw-"}) {
      Path file = write("A=1\n", permissions);
      assertThatThrownBy(() -> SecretSource.dotEnv(file)).as(permissions).isInstanceOf(SecretsException.class)
          .hasMessageContaining("chmod 600");
    }
    assertThat(SecretSource.dotEnv(write("A=1\n", "r--------")).find("A")).isPresent();
  }

  @Test
  void missingOrOversizedFile_isRefused() throws IOException {
    assertThatThrownBy(() -> SecretSource.dotEnv(dir.resolve("absent.env"))).isInstanceOf(SecretsException.class)
        .hasMessageContaining("does not exist");
    Path big = write("A=" + "x".repeat(DotEnvFile.MAX_FILE_BYTES) + "\n", "rw-------");
    assertThatThrownBy(() -> SecretSource.dotEnv(big)).isInstanceOf(SecretsException.class).hasMessageContaining("larger");
  }

  @Test
  void malformedLines_areRefusedWithTheLineNumberButNotTheLine() throws IOException {
    Map<String, String> cases = Map.of(
        "A=1\nnot a pair with s3cr3t\n", "line 2",
        "A=1\nA=2\n", "line 2: A is set twice",
        "1BAD=x\n", "line 1: invalid name",
        "A='open s3cr3t\n", "unterminated single quote",
        "A=\"open s3cr3t\n", "unterminated double quote",
        "A=\"x\" s3cr3t\n", "text after the closing quote",
        "A=\"\\q s3cr3t\"\n", "unknown escape",
        "=s3cr3t\n", "line 1");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path file = write(c.getKey(), "rw-------");
      assertThatThrownBy(() -> SecretSource.dotEnv(file)).as(c.getKey()).isInstanceOf(SecretsException.class)
          .hasMessageContaining(c.getValue()).hasMessageNotContaining("s3cr3t");
    }
  }

  @Test
  void invalidUtf8_isRefused() throws IOException {
    Path file = dir.resolve("bad.env");
    Files.write(file, new byte[] {'A', '=', (byte) 0xc3, '\n'});
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> SecretSource.dotEnv(file)).isInstanceOf(SecretsException.class).hasMessageContaining("UTF-8");
  }

  @Test
  void crlfLineEndings_areAccepted() throws Exception {
    SecretSource env = SecretSource.dotEnv(write("A=1\r\nB='2'\r\n", "rw-------"));
    assertThat(value(env, "A")).isEqualTo("1");
    assertThat(value(env, "B")).isEqualTo("2");
  }
}
