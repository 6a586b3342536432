package dev.bulwark.guard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.keyset.KeyStatus;
import dev.bulwark.crypto.keyset.Keyset;
import dev.bulwark.crypto.keyset.KeysetPreset;
import dev.bulwark.guard.Limits;
import dev.bulwark.guard.secrets.Secret;
import dev.bulwark.guard.secrets.SecretSource;
import dev.bulwark.guard.secrets.Secrets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedConfigTest {
  @TempDir Path dir;
  Path file;
  AeadKey master;
  static final String DB_VALUE = "pg-" + "s3cret-value";

  @BeforeEach
  void setUp() {
    file = dir.resolve("app.config");
    master = TestKeys.masterKey();
  }

  @Test
  void initSetGetList_roundTripThroughTheFile() throws Exception {
    EncryptedConfig config = EncryptedConfig.create(file, master);
    assertThat(config.names()).isEmpty();
    config.set("DB_PASSWORD", Secret.of(DB_VALUE));
    config.set("API_TOKEN", Secret.of("t-1"));
    config.set("API_TOKEN", Secret.of("t-2"));
    EncryptedConfig reopened = EncryptedConfig.open(file, master);
    assertThat(reopened.names()).containsExactly("API_TOKEN", "DB_PASSWORD");
    assertThat(reopened.require("DB_PASSWORD").insecureValue()).isEqualTo(DB_VALUE);
    assertThat(reopened.get("API_TOKEN").orElseThrow().insecureValue()).isEqualTo("t-2");
    assertThat(reopened.get("ABSENT")).isEmpty();
    assertThatThrownBy(() -> reopened.require("ABSENT")).isInstanceOfSatisfying(ConfigException.class,
        e -> assertThat(e.reason()).isEqualTo(ConfigException.Reason.NO_SUCH_VALUE));
    assertThat(reopened.remove("API_TOKEN")).isTrue();
    assertThat(reopened.remove("API_TOKEN")).isFalse();
    assertThat(EncryptedConfig.open(file, master).names()).containsExactly("DB_PASSWORD");
  }

  @Test
  void theFile_holdsNoValueOrKeyInTheClear_andIsOwnerOnly() throws Exception {
    EncryptedConfig config = EncryptedConfig.create(file, master);
    config.set("DB_PASSWORD", Secret.of(DB_VALUE));
    String text = Files.readString(file);
    assertThat(text).startsWith("bulwark-encrypted-config 1\nkeyset ").contains("\nvalue DB_PASSWORD ")
        .doesNotContain(DB_VALUE).doesNotContain(Base64.getEncoder().encodeToString(master.insecureExportBytes()));
    String keysetJson = new String(Base64.getUrlDecoder().decode(text.lines().toList().get(1).substring(7)), StandardCharsets.UTF_8);
    assertThat(keysetJson).contains("bulwark-sealed-keyset").doesNotContain("material");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(dir.toFile().list()).containsExactly("app.config"); // no temporary file left behind
  }

  @Test
  void create_refusesToOverwrite() throws Exception {
    EncryptedConfig.create(file, master).set("A", Secret.of("1"));
    assertThatThrownBy(() -> EncryptedConfig.create(file, master)).isInstanceOfSatisfying(ConfigException.class,
        e -> assertThat(e.reason()).isEqualTo(ConfigException.Reason.ALREADY_EXISTS));
    assertThat(EncryptedConfig.open(file, master).require("A").insecureValue()).isEqualTo("1");
  }

  @Test
  void wrongMasterKey_isReportedAsTampered() throws Exception {
    EncryptedConfig.create(file, master).set("A", Secret.of("1"));
    assertThatThrownBy(() -> EncryptedConfig.open(file, TestKeys.masterKey()))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.reason()).isEqualTo(ConfigException.Reason.TAMPERED);
          assertThat(e.getMessage()).contains("wrong master key");
        });
  }

  @Test
  void missingFile_isNoSuchFile() {
    assertThatThrownBy(() -> EncryptedConfig.open(dir.resolve("absent"), master))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.reason()).isEqualTo(ConfigException.Reason.NO_SUCH_FILE));
  }

  @Test
  void rotate_addsAPrimary_reEncryptsEveryValue_andDisablesOlderKeys() throws Exception {
    EncryptedConfig config = EncryptedConfig.create(file, master);
    int first = config.primaryKeyId();
    config.set("A", Secret.of("1"));
    config.set("B", Secret.of("2"));
    Map<String, Integer> before = keyIdsOfValues();
    assertThat(before.values()).containsOnly(first);
    int second = config.rotate(KeysetPreset.CHACHA20_POLY1305);
    assertThat(second).isNotEqualTo(first).isEqualTo(config.primaryKeyId());
    assertThat(keyIdsOfValues()).containsOnly(Map.entry("A", second), Map.entry("B", second));
    EncryptedConfig reopened = EncryptedConfig.open(file, master);
    assertThat(reopened.require("A").insecureValue()).isEqualTo("1");
    assertThat(reopened.require("B").insecureValue()).isEqualTo("2");
    assertThat(reopened.primaryKeyId()).isEqualTo(second);
    Keyset keyset = Keyset.open(sealedKeyset(), master);
    assertThat(keyset.keys()).extracting(k -> k.keyId() + ":" + k.status() + ":" + k.primary())
        .containsExactly(first + ":" + KeyStatus.DISABLED + ":false", second + ":" + KeyStatus.ENABLED + ":true");
    int third = reopened.rotate();
    assertThat(third).isNotIn(first, second);
    assertThat(EncryptedConfig.open(file, master).require("B").insecureValue()).isEqualTo("2");
  }

  @Test
  void limits_boundTheFileAndTheValues() throws Exception {
    EncryptedConfig config = EncryptedConfig.create(file, master);
    config.set("A", Secret.of("1"));
    config.set("B", Secret.of("2"));
    assertThatThrownBy(() -> config.set("BIG", Secret.ofBytes(new byte[EncryptedConfig.MAX_VALUE_BYTES + 1])))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EncryptedConfig.open(file, master, Limits.defaults().withMaxEntries(1)))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.reason()).isEqualTo(ConfigException.Reason.MALFORMED));
    assertThatThrownBy(() -> EncryptedConfig.open(file, master, Limits.defaults().withMaxDocumentBytes(100)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("larger than 100 bytes");
    assertThatThrownBy(() -> config.set("../x", Secret.of("1"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void failedWrite_leavesTheObjectUnchanged() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Path inSub = sub.resolve("app.config");
    EncryptedConfig config = EncryptedConfig.create(inSub, master);
    config.set("A", Secret.of("1"));
    byte[] before = Files.readAllBytes(inSub);
    Files.delete(inSub);
    Files.delete(sub); // every write now fails, whoever runs the test (root ignores permissions)
    assertThatThrownBy(() -> config.set("B", Secret.of("2"))).isInstanceOfSatisfying(ConfigException.class,
        e -> assertThat(e.reason()).isEqualTo(ConfigException.Reason.IO));
    assertThatThrownBy(config::rotate).isInstanceOf(ConfigException.class);
    assertThat(config.names()).containsExactly("A");
    Files.createDirectory(sub);
    Files.write(inSub, before);
    config.set("C", Secret.of("3"));
    EncryptedConfig reopened = EncryptedConfig.open(inSub, master);
    assertThat(reopened.names()).containsExactly("A", "C");
    assertThat(reopened.primaryKeyId()).isEqualTo(config.primaryKeyId());
  }

  @Test
  void asASecretSource_inAChain() throws Exception {
    EncryptedConfig config = EncryptedConfig.create(file, master);
    config.set("DB_PASSWORD", Secret.of(DB_VALUE));
    Secrets secrets = Secrets.chain(SecretSource.environment(Map.of("OTHER", "x")), EncryptedConfig.open(file, master));
    assertThat(secrets.require("DB_PASSWORD").insecureValue()).isEqualTo(DB_VALUE);
    assertThat(secrets.descriptions()).last().asString().startsWith("encrypted configuration ");
  }

  @Test
  void concurrentSets_fromOneInstance_allLand() throws Exception {
    EncryptedConfig config = EncryptedConfig.create(file, master);
    List<Thread> threads = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      int n = i;
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          config.set("K" + n, Secret.of("v" + n));
        } catch (ConfigException e) {
          throw new AssertionError(e);
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    EncryptedConfig reopened = EncryptedConfig.open(file, master);
    assertThat(reopened.names()).hasSize(8);
    assertThat(reopened.require("K5").insecureValue()).isEqualTo("v5");
  }

  private String sealedKeyset() throws Exception {
    String line = Files.readAllLines(file).get(1);
    return new String(Base64.getUrlDecoder().decode(line.substring("keyset ".length())), StandardCharsets.UTF_8);
  }

  /** The key id in each sealed value's header (DESIGN.md §3: 0x01 | key id | ...). */
  private Map<String, Integer> keyIdsOfValues() throws Exception {
    Map<String, Integer> ids = new java.util.TreeMap<>();
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("value ")) {
        String[] parts = line.split(" ");
        ids.put(parts[1], ByteBuffer.wrap(Base64.getUrlDecoder().decode(parts[2]), 1, 4).getInt());
      }
    }
    return ids;
  }
}
