package dev.bulwark.guard.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path traversal against the secrets directory (CWE-22): a secret name must never reach a file
 * outside the directory, by name or through a symbolic link.
 */
class SecretsDirectoryTraversalTest {
  @TempDir Path root;

  @Test
  void namesWithSeparatorsOrDots_areRejectedBeforeAnyFileIsTouched() throws Exception {
    Path secrets = Files.createDirectory(root.resolve("secrets"));
    Files.writeString(root.resolve("outside"), "not yours");
    SecretSource source = SecretSource.directory(secrets);
    for (String name : new String[] {"../outside", "..", ".", "sub/../../outside", "/etc/passwd", "..\\outside",
        "outside\u0000", "%2e%2e/outside", ".env"}) {
      assertThatThrownBy(() -> source.find(name)).as(name).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void symlinkLeavingTheDirectory_isRefused() throws Exception {
    Path secrets = Files.createDirectory(root.resolve("secrets"));
    Path outside = Files.writeString(root.resolve("outside"), "not yours");
    Files.createSymbolicLink(secrets.resolve("ESCAPE"), outside);
    SecretSource source = SecretSource.directory(secrets);
    assertThatThrownBy(() -> source.find("ESCAPE")).isInstanceOf(SecretsException.class)
        .hasMessageContaining("not a regular file inside the directory").hasMessageNotContaining("not yours");
  }

  @Test
  void kubernetesStyleSymlinkInsideTheDirectory_isFollowed() throws Exception {
    Path secrets = Files.createDirectory(root.resolve("secrets"));
    Path data = Files.createDirectories(secrets.resolve("..2026_11_23").resolve("x"));
    Files.writeString(data.resolve("DB_PASSWORD"), "k8s-value\n");
    Files.createSymbolicLink(secrets.resolve("DB_PASSWORD"), data.resolve("DB_PASSWORD"));
    assertThat(SecretSource.directory(secrets).find("DB_PASSWORD").orElseThrow().insecureValue()).isEqualTo("k8s-value");
  }

  @Test
  void files_areReadWithOneTrailingNewlineDropped_andBounded() throws Exception {
    Path secrets = Files.createDirectory(root.resolve("secrets"));
    Files.writeString(secrets.resolve("A"), "value\n");
    Files.writeString(secrets.resolve("B"), "two\n\n");
    Files.writeString(secrets.resolve("C"), "crlf\r\n");
    Files.writeString(secrets.resolve("BIG"), "x".repeat(SecretsDirectory.MAX_SECRET_FILE_BYTES + 1));
    Files.createDirectory(secrets.resolve("DIR"));
    SecretSource source = SecretSource.directory(secrets);
    assertThat(source.find("A").orElseThrow().insecureValue()).isEqualTo("value");
    assertThat(source.find("B").orElseThrow().insecureValue()).isEqualTo("two\n");
    assertThat(source.find("C").orElseThrow().insecureValue()).isEqualTo("crlf");
    assertThat(source.find("ABSENT")).isEmpty();
    assertThatThrownBy(() -> source.find("BIG")).isInstanceOf(SecretsException.class).hasMessageContaining("larger");
    assertThatThrownBy(() -> source.find("DIR")).isInstanceOf(SecretsException.class);
  }
}
