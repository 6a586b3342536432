package dev.bulwark.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.tokens.SecureTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootKeyTest {
  @TempDir Path dir;

  private static String freshKeyBase64() {
    return Base64.getEncoder().encodeToString(SecureTokens.system().bytes(32));
  }

  @Test
  void firstStart_generatesA0600KeyFileAndWarnsLoudly() throws Exception {
    List<String> warnings = new ArrayList<>();
    try (RootKey key = RootKey.load(Optional.empty(), dir, Map.of(), warnings::add)) {
      assertThat(key.source()).isEqualTo("data directory");
    }
    Path file = dir.resolve(RootKey.DEFAULT_FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
    assertThat(String.join("\n", warnings)).contains("WARNING").contains("BULWARK_ROOT_KEY").contains("root_key_file");
  }

  @Test
  void restart_readsTheSameKey_withoutWarning() throws Exception {
    byte[] sealed;
    try (RootKey first = RootKey.load(Optional.empty(), dir, Map.of(), w -> { })) {
      sealed = first.aead().encrypt("k".getBytes(StandardCharsets.UTF_8), new byte[0]);
    }
    List<String> warnings = new ArrayList<>();
    try (RootKey second = RootKey.load(Optional.empty(), dir, Map.of(), warnings::add)) {
      assertThat(second.aead().decrypt(sealed, new byte[0])).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(warnings).isEmpty();
  }

  @Test
  void groupOrWorldReadableKeyFile_isRefused() throws Exception {
    RootKey.load(Optional.empty(), dir, Map.of(), w -> { }).close();
    Path file = dir.resolve(RootKey.DEFAULT_FILE_NAME);
    for (String mode : List.of("rw-r-----", "rw----r--", "rw-rw-rw-")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
      assertThatThrownBy(() -> RootKey.load(Optional.empty(), dir, Map.of(), w -> { }))
          .isInstanceOf(RootKeyException.class).hasMessageContaining("chmod 600");
    }
  }

  @Test
  void symlinkedKeyFile_isRefused() throws Exception {
    Path real = dir.resolve("elsewhere.key");
    Files.createFile(real, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(real, freshKeyBase64());
    Path link = dir.resolve("link.key");
    Files.createSymbolicLink(link, real);
    assertThatThrownBy(() -> RootKey.load(Optional.of(link), dir, Map.of(), w -> { }))
        .isInstanceOf(RootKeyException.class).hasMessageContaining("symbolic link");
  }

  @Test
  void environmentKey_winsOverFiles_andIsUsedAsIs() throws Exception {
    String base64 = freshKeyBase64();
    byte[] sealed;
    try (RootKey a = RootKey.load(Optional.empty(), dir, Map.of(RootKey.ENVIRONMENT_VARIABLE, base64), w -> { })) {
      assertThat(a.source()).isEqualTo("environment");
      sealed = a.aead().encrypt(new byte[] {1}, new byte[0]);
    }
    assertThat(dir.resolve(RootKey.DEFAULT_FILE_NAME)).doesNotExist();
    try (RootKey b = RootKey.load(Optional.empty(), dir.resolve("other"), Map.of(RootKey.ENVIRONMENT_VARIABLE, base64), w -> { })) {
      assertThat(b.aead().decrypt(sealed, new byte[0])).containsExactly(1);
    }
  }

  @Test
  void urlSafeUnpaddedKey_isAccepted_likeTheCliTokenCommandPrints() throws Exception {
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(SecureTokens.system().bytes(32));
    try (RootKey key = RootKey.load(Optional.empty(), dir, Map.of(RootKey.ENVIRONMENT_VARIABLE, urlSafe), w -> { })) {
      assertThat(key.source()).isEqualTo("environment");
    }
  }

  @Test
  void configuredKeyFile_isRead() throws Exception {
    Path file = dir.resolve("secrets/root");
    Files.createDirectories(file.getParent());
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r--------")));
    Files.writeString(file, freshKeyBase64() + "\n");
    try (RootKey key = RootKey.load(Optional.of(file), dir, Map.of(), w -> { })) {
      assertThat(key.source()).isEqualTo("root_key_file");
    }
  }

  @Test
  void malformedKeys_areRefusedWithoutEchoingThem() {
    for (String bad : List.of("not base64!", Base64.getEncoder().encodeToString(new byte[31]),
        Base64.getEncoder().encodeToString(new byte[33]))) {
      assertThatThrownBy(() -> RootKey.load(Optional.empty(), dir, Map.of(RootKey.ENVIRONMENT_VARIABLE, bad), w -> { }))
          .isInstanceOf(RootKeyException.class).hasMessage("BULWARK_ROOT_KEY is not base64 of 32 bytes");
    }
  }

  @Test
  void anotherRootKey_cannotOpenWhatThisOneSealed() throws Exception {
    byte[] sealed;
    try (RootKey a = RootKey.load(Optional.empty(), dir, Map.of(RootKey.ENVIRONMENT_VARIABLE, freshKeyBase64()), w -> { })) {
      sealed = a.aead().encrypt(new byte[] {7}, new byte[0]);
    }
    try (RootKey b = RootKey.load(Optional.empty(), dir, Map.of(RootKey.ENVIRONMENT_VARIABLE, freshKeyBase64()), w -> { })) {
      assertThatThrownBy(() -> b.aead().decrypt(sealed, new byte[0])).isInstanceOf(CryptoException.class);
    }
  }
}
