package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.crypto.fernet.Fernet;
import dev.bulwark.crypto.fernet.FernetKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FernetCommandTest {
  @TempDir Path dir;

  private Path keyFile(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.US_ASCII);
    return file;
  }

  private Path newKeyFile(String name) throws IOException {
    RawCliRun run = RawCliRun.inProcess(new byte[0], "fernet", "genkey");
    assertThat(run.exitCode()).isZero();
    return keyFile(name, run.stdout());
  }

  private static void assertNegative(RawCliRun run) {
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdoutBytes()).isEmpty();
    assertThat(run.stderr().lines()).hasSize(1);
    assertThat(run.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void genkey_printsA44CharacterKey() {
    RawCliRun run = RawCliRun.inProcess(new byte[0], "fernet", "genkey");
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).matches("[A-Za-z0-9_-]{43}=\n");
  }

  @Test
  void encryptThenDecrypt_binaryPlaintext_roundTripsByteForByte() throws IOException {
    Path key = newKeyFile("k");
    byte[] plaintext = new byte[3000];
    new SecureRandom().nextBytes(plaintext);
    RawCliRun encrypted = RawCliRun.inProcess(plaintext, "fernet", "encrypt", "--key-file", key.toString());
    assertThat(encrypted.exitCode()).isZero();
    assertThat(encrypted.stdout()).matches("gAAAAA[A-Za-z0-9_=-]+\n");
    RawCliRun decrypted = RawCliRun.inProcess(encrypted.stdoutBytes(), "fernet", "decrypt", "--key-file", key.toString());
    assertThat(decrypted.exitCode()).isZero();
    assertThat(decrypted.stdoutBytes()).isEqualTo(plaintext);
    assertThat(decrypted.stderr()).isEmpty();
  }

  @Test
  void decrypt_acceptsATokenUnderAnyGivenKey() throws Exception {
    Path newKey = newKeyFile("new");
    Path oldKey = newKeyFile("old");
    String token = Fernet.create(FernetKey.parse(Files.readString(oldKey).strip())).encrypt("old data".getBytes(StandardCharsets.UTF_8));
    RawCliRun run = RawCliRun.inProcess(token, "fernet", "decrypt", "--key-file", newKey.toString(), "--key-file", oldKey.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo("old data");
    assertNegative(RawCliRun.inProcess(token, "fernet", "decrypt", "--key-file", newKey.toString()));
  }

  @Test
  void tamperedToken_exits1WithOneLineAndNothingOnStdout() throws IOException {
    Path key = newKeyFile("k");
    String token = RawCliRun.inProcess("secret", "fernet", "encrypt", "--key-file", key.toString()).stdout().strip();
    byte[] raw = Base64.getUrlDecoder().decode(token);
    raw[30] ^= 1;
    RawCliRun run = RawCliRun.inProcess(Base64.getUrlEncoder().encodeToString(raw), "fernet", "decrypt", "--key-file", key.toString());
    assertNegative(run);
    assertThat(run.stderr()).startsWith("bulwark fernet decrypt: invalid Fernet token");
    assertNegative(RawCliRun.inProcess("not a token", "fernet", "decrypt", "--key-file", key.toString()));
    assertNegative(RawCliRun.inProcess("", "fernet", "decrypt", "--key-file", key.toString()));
  }

  @Test
  void expiredToken_exits1_butDecryptsWithoutTtl() throws Exception {
    Path key = newKeyFile("k");
    FernetKey parsed = FernetKey.parse(Files.readString(key).strip());
    String old =
        Fernet.create(parsed, Clock.fixed(Instant.now().minusSeconds(120), ZoneOffset.UTC), new SecureRandom())
            .encrypt("aged".getBytes(StandardCharsets.UTF_8));
    RawCliRun expired = RawCliRun.inProcess(old, "fernet", "decrypt", "--key-file", key.toString(), "--ttl", "60");
    assertNegative(expired);
    assertThat(expired.stderr()).contains("expired");
    assertThat(RawCliRun.inProcess(old, "fernet", "decrypt", "--key-file", key.toString(), "--ttl", "3600").stdout()).isEqualTo("aged");
    assertThat(RawCliRun.inProcess(old, "fernet", "decrypt", "--key-file", key.toString()).stdout()).isEqualTo("aged");
  }

  @Test
  void rotate_printsATokenOnlyTheNewKeyOpens_withTheOriginalTimestamp() throws Exception {
    Path newKey = newKeyFile("new");
    Path oldKey = newKeyFile("old");
    Instant made = Instant.parse("2024-01-01T00:00:00Z");
    String token =
        Fernet.create(FernetKey.parse(Files.readString(oldKey).strip()), Clock.fixed(made, ZoneOffset.UTC), new SecureRandom())
            .encrypt("rotate me".getBytes(StandardCharsets.UTF_8));
    RawCliRun run = RawCliRun.inProcess(token + "\n", "fernet", "rotate", "--key-file", newKey.toString(), "--key-file", oldKey.toString());
    assertThat(run.exitCode()).isZero();
    String rotated = run.stdout().strip();
    Fernet fresh = Fernet.create(FernetKey.parse(Files.readString(newKey).strip()));
    assertThat(new String(fresh.decrypt(rotated), StandardCharsets.UTF_8)).isEqualTo("rotate me");
    assertThat(fresh.extractTimestamp(rotated)).isEqualTo(made);
    assertNegative(RawCliRun.inProcess(token, "fernet", "rotate", "--key-file", newKey.toString()));
  }

  @Test
  void malformedOrMissingKeyFile_exits2WithOneLineNamingTheFileButNotItsContent() throws IOException {
    String badKey = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4"; // unpadded
    Path bad = keyFile("bad", badKey + "\n");
    for (String[] args :
        new String[][] {
          {"fernet", "encrypt", "--key-file", bad.toString()},
          {"fernet", "decrypt", "--key-file", bad.toString()},
          {"fernet", "rotate", "--key-file", bad.toString()},
          {"fernet", "decrypt", "--key-file", dir.resolve("missing").toString()},
          {"fernet", "decrypt", "--key-file", dir.toString()}
        }) {
      RawCliRun run = RawCliRun.inProcess("x", args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.stdoutBytes()).isEmpty();
      assertThat(run.stderr().lines()).hasSize(1);
      assertThat(run.stderr()).doesNotContain(badKey).contains(args[3]);
    }
  }

  @Test
  void usageErrors_exit2() throws IOException {
    Path key = newKeyFile("k");
    for (String[] args :
        new String[][] {
          {"fernet"}, {"fernet", "encrypt"}, {"fernet", "decrypt", "--key-file", key.toString(), "--ttl", "-5"},
          {"fernet", "decrypt", "--key-file", key.toString(), "--ttl", "soon"}
        }) {
      RawCliRun run = RawCliRun.inProcess("x", args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.stderr().lines()).hasSize(1);
    }
  }

  @Test
  void help_isAvailableOnEverySubcommand() {
    for (String sub : new String[] {"genkey", "encrypt", "decrypt", "rotate"}) {
      CliRun run = CliRun.inProcess("fernet", sub, "--help");
      assertThat(run.exitCode()).isZero();
      assertThat(run.stdout()).contains("Usage:");
    }
  }

  @Test
  void asProcess_encryptAndDecrypt_roundTrip() throws IOException {
    Path key = newKeyFile("k");
    byte[] message = "ünïcödé over a real pipe\n".getBytes(StandardCharsets.UTF_8);
    CliRun encrypted = CliRun.asProcess(message, "fernet", "encrypt", "--key-file", key.toString());
    assertThat(encrypted.exitCode()).isZero();
    CliRun decrypted = CliRun.asProcess(encrypted.stdout().getBytes(StandardCharsets.US_ASCII), "fernet", "decrypt", "--key-file", key.toString());
    assertThat(decrypted.exitCode()).isZero();
    assertThat(decrypted.stdout().getBytes(StandardCharsets.UTF_8)).isEqualTo(message);
    CliRun tampered = CliRun.asProcess("gAAAAAnope".getBytes(StandardCharsets.US_ASCII), "fernet", "decrypt", "--key-file", key.toString());
    assertThat(tampered.exitCode()).isEqualTo(1);
    assertThat(tampered.stdout()).isEmpty();
    assertThat(tampered.stderr().lines()).hasSize(1);
  }
}
