package dev.bulwark.guard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.keyset.Keyset;
import dev.bulwark.crypto.keyset.KeysetAead;
import dev.bulwark.crypto.keyset.KeysetPreset;
import dev.bulwark.guard.secrets.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering with an encrypted configuration file at rest (CWE-353, CWE-345): an attacker who can
 * write the file but does not hold the master key must not be able to change, move, add, remove or
 * reorder values, or substitute another configuration's keyset, without {@link EncryptedConfig#open}
 * failing with {@link ConfigException.Reason#TAMPERED} (or MALFORMED where the format breaks).
 */
class ConfigTamperingTest {
  @TempDir Path dir;
  Path file;
  AeadKey master;
  List<String> original;

  @BeforeEach
  void setUp() throws Exception {
    file = dir.resolve("app.config");
    master = TestKeys.masterKey();
    EncryptedConfig config = EncryptedConfig.create(file, master);
    config.set("ADMIN_PASSWORD", Secret.of("admin-" + "value"));
    config.set("GUEST_PASSWORD", Secret.of("guest-" + "value"));
    config.set("ZZZ", Secret.of("last"));
    original = Files.readAllLines(file);
  }

  private void rewrite(UnaryOperator<List<String>> change) throws Exception {
    List<String> lines = change.apply(new ArrayList<>(original));
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private void assertRejected(ConfigException.Reason reason) {
    assertThatThrownBy(() -> EncryptedConfig.open(file, master)).isInstanceOfSatisfying(ConfigException.class, e -> {
      assertThat(e.reason()).isEqualTo(reason);
      assertThat(e.getMessage()).doesNotContain("admin-value").doesNotContain("guest-value");
    });
  }

  private static String flipInBase64(String line, int fromEnd) {
    int i = line.length() - fromEnd;
    char c = line.charAt(i);
    return line.substring(0, i) + (c == 'A' ? 'B' : 'A') + line.substring(i + 1);
  }

  @Test
  void changedCiphertextByte_isTampered() throws Exception {
    rewrite(lines -> {
      lines.set(2, flipInBase64(lines.get(2), 10));
      return lines;
    });
    assertRejected(ConfigException.Reason.TAMPERED);
  }

  @Test
  void valuesSwappedBetweenNames_areTampered() throws Exception {
    rewrite(lines -> {
      String admin = lines.get(2).split(" ")[2];
      String guest = lines.get(3).split(" ")[2];
      lines.set(2, "value ADMIN_PASSWORD " + guest);
      lines.set(3, "value GUEST_PASSWORD " + admin);
      return lines;
    });
    assertRejected(ConfigException.Reason.TAMPERED);
  }

  /**
   * Even past the whole-file check (an attacker holding an old integrity record cannot get one for a
   * new layout, but the per-value binding is the second wall): a value sealed under one name does not
   * open under another, because the name is the associated data.
   */
  @Test
  void valueSealedUnderOneName_doesNotOpenUnderAnother() throws Exception {
    KeysetAead aead = Keyset.generate(KeysetPreset.DEFAULT).aead();
    byte[] sealed = EncryptedConfig.sealValue(aead, "GUEST_PASSWORD", "guest-value".getBytes(StandardCharsets.UTF_8));
    assertThat(EncryptedConfig.openValue(aead, "GUEST_PASSWORD", sealed)).asString(StandardCharsets.UTF_8).isEqualTo("guest-value");
    assertThatThrownBy(() -> EncryptedConfig.openValue(aead, "ADMIN_PASSWORD", sealed))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.reason()).isEqualTo(ConfigException.Reason.TAMPERED);
          assertThat(e.getMessage()).contains("ADMIN_PASSWORD").doesNotContain("guest-value");
        });
  }

  @Test
  void removedValue_isTampered() throws Exception {
    rewrite(lines -> {
      lines.remove(3);
      return lines;
    });
    assertRejected(ConfigException.Reason.TAMPERED);
  }

  @Test
  void valueCopiedFromAnotherFileOfTheSameKeyset_isTampered() throws Exception {
    // A second file written with the same keyset: its value lines are genuine ciphertexts.
    EncryptedConfig config = EncryptedConfig.open(file, master);
    config.set("EXTRA", Secret.of("x"));
    List<String> withExtra = Files.readAllLines(file);
    String extraLine = withExtra.stream().filter(l -> l.startsWith("value EXTRA ")).findFirst().orElseThrow();
    rewrite(lines -> {
      lines.add(2, extraLine);
      lines.sort(null); // keep the format's order valid; only the integrity record can notice
      List<String> ordered = new ArrayList<>();
      ordered.add(original.get(0));
      ordered.add(original.get(1));
      lines.stream().filter(l -> l.startsWith("value ")).sorted().forEach(ordered::add);
      ordered.add(original.getLast());
      return ordered;
    });
    assertRejected(ConfigException.Reason.TAMPERED);
  }

  @Test
  void oldVersionOfOneValue_isTampered() throws Exception {
    EncryptedConfig config = EncryptedConfig.open(file, master);
    config.set("ADMIN_PASSWORD", Secret.of("new-admin"));
    List<String> newer = Files.readAllLines(file);
    // Put the old ADMIN line into the new file (roll back one value, keep the new integrity record).
    List<String> mixed = new ArrayList<>(newer);
    mixed.set(2, original.get(2));
    Files.writeString(file, String.join("\n", mixed) + "\n");
    assertRejected(ConfigException.Reason.TAMPERED);
  }

  @Test
  void reorderedRecords_areRejected() throws Exception {
    rewrite(lines -> {
      String a = lines.get(2);
      lines.set(2, lines.get(3));
      lines.set(3, a);
      return lines;
    });
    assertRejected(ConfigException.Reason.MALFORMED);
  }

  @Test
  void keysetOfAnotherConfigUnderTheSameMasterKey_isTampered() throws Exception {
    Path other = dir.resolve("other.config");
    EncryptedConfig.create(other, master).set("ADMIN_PASSWORD", Secret.of("attacker"));
    String otherKeyset = Files.readAllLines(other).get(1);
    rewrite(lines -> {
      lines.set(1, otherKeyset);
      return lines;
    });
    assertRejected(ConfigException.Reason.TAMPERED);
  }

  @Test
  void wholeFileOfAnotherConfigUnderTheSameMasterKey_opensAsThatFile_documentedLimit() throws Exception {
    // Replacing the whole file with another genuine file is a roll-back/substitution the file alone
    // cannot detect (see the EncryptedConfig javadoc); the test pins that the result is that file,
    // never a mix.
    Path other = dir.resolve("other.config");
    EncryptedConfig.create(other, master).set("ONLY_OTHER", Secret.of("o"));
    Files.copy(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(EncryptedConfig.open(file, master).names()).containsExactly("ONLY_OTHER");
  }

  @Test
  void changedIntegrityRecord_isTampered() throws Exception {
    rewrite(lines -> {
      lines.set(lines.size() - 1, flipInBase64(lines.getLast(), 5));
      return lines;
    });
    assertRejected(ConfigException.Reason.TAMPERED);
  }

  @Test
  void changedKeysetRecord_isTampered() throws Exception {
    rewrite(lines -> {
      lines.set(1, flipInBase64(lines.get(1), 12));
      return lines;
    });
    assertThatThrownBy(() -> EncryptedConfig.open(file, master)).isInstanceOf(ConfigException.class);
  }

  @Test
  void truncatedFiles_areRejected() throws Exception {
    byte[] full = Files.readAllBytes(file);
    for (int length : new int[] {0, 10, 27, full.length / 2, full.length - 30, full.length - 1}) {
      Files.write(file, Arrays.copyOf(full, length));
      assertThatThrownBy(() -> EncryptedConfig.open(file, master)).as("length " + length)
          .isInstanceOf(ConfigException.class);
    }
    rewrite(lines -> lines.subList(0, lines.size() - 1)); // integrity record cut off at a line boundary
    assertThatThrownBy(() -> EncryptedConfig.open(file, master)).isInstanceOfSatisfying(ConfigException.class,
        e -> assertThat(e.reason()).isIn(ConfigException.Reason.MALFORMED, ConfigException.Reason.TAMPERED));
  }

  @Test
  void appendedOrInsertedLines_areRejected() throws Exception {
    rewrite(lines -> {
      lines.add("value ZZZZ " + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[40]));
      return lines;
    });
    assertRejected(ConfigException.Reason.MALFORMED);
    rewrite(lines -> {
      lines.add(lines.size() - 1, "value ZZZZ " + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[40]));
      return lines;
    });
    assertRejected(ConfigException.Reason.TAMPERED);
  }

  @Test
  void malformedShapes_areMalformed() throws Exception {
    List<UnaryOperator<List<String>>> changes = List.of(
        lines -> { lines.set(0, "bulwark-encrypted-config 2"); return lines; },
        lines -> { lines.set(2, lines.get(2) + " extra"); return lines; },
        lines -> { lines.set(2, lines.get(2).replace("value ADMIN_PASSWORD", "value ../ADMIN")); return lines; },
        lines -> { lines.set(2, lines.get(2) + "=="); return lines; },
        lines -> { lines.set(2, lines.get(2).replace("value ", "secret ")); return lines; },
        lines -> { lines.add(3, lines.get(2)); return lines; },
        lines -> { lines.set(1, "keyset !!!"); return lines; });
    for (UnaryOperator<List<String>> change : changes) {
      rewrite(change);
      assertRejected(ConfigException.Reason.MALFORMED);
    }
    Files.write(file, new byte[] {'b', (byte) 0xff, '\n'});
    assertRejected(ConfigException.Reason.MALFORMED);
  }
}
