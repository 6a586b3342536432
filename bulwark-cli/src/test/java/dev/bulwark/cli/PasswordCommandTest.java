package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordCommandTest {
  @Test
  void hash_defaultIsArgon2id_andVerifyMatchesTheSamePassword() {
    RawCliRun hashed = RawCliRun.inProcess("correct horse\n", "password", "hash");
    assertThat(hashed.exitCode()).as(hashed.stderr()).isZero();
    String phc = hashed.stdout().strip();
    assertThat(phc).startsWith("$argon2id$v=19$m=65536,t=3,p=4$");
    assertThat(hashed.stdout()).endsWith("\n").hasLineCount(1);

    RawCliRun ok = RawCliRun.inProcess("correct horse\n", "password", "verify", "--hash", phc);
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.stdout()).isEqualTo("match\n");
    // Exactly one trailing newline is removed: "correct horse" was hashed, not "correct horse\n".
    assertThat(RawCliRun.inProcess("correct horse", "password", "verify", "--hash", phc).exitCode()).isZero();
    assertThat(RawCliRun.inProcess("correct horse\n\n", "password", "verify", "--hash", phc).exitCode()).isEqualTo(1);
  }

  @Test
  void verify_mismatch_exits1_withOneLineOnStderr_andNoStackTrace() {
    String phc = RawCliRun.inProcess("secret\n", "password", "hash", "--algorithm", "bcrypt").stdout().strip();
    assertThat(phc).startsWith("$2b$12$");
    RawCliRun wrong = RawCliRun.inProcess("Secret\n", "password", "verify", "--hash", phc);
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.stdout()).isEmpty();
    assertThat(wrong.stderr()).isEqualTo("bulwark password verify: password does not match\n");
  }

  @Test
  void verify_malformedOrOutOfBoundsHash_exits2_withOneLine() {
    for (String bad : new String[] {
      "not-a-hash",
      "$argon2id$v=19$m=2147483648,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$" + "A".repeat(43),
      "$2b$31$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui"
    }) {
      RawCliRun run = RawCliRun.inProcess("pw\n", "password", "verify", "--hash", bad);
      assertThat(run.exitCode()).as(bad).isEqualTo(2);
      assertThat(run.stderr()).as(bad).startsWith("bulwark password verify: ").hasLineCount(1).doesNotContain("at dev.");
    }
  }

  @Test
  void hash_scryptAndNonAsciiPassword_roundTrip_andOldParametersAskForARehash() {
    String phc = RawCliRun.inProcess("пароль 密码\n", "password", "hash", "--algorithm", "scrypt").stdout().strip();
    assertThat(phc).startsWith("$scrypt$ln=17,r=8,p=1$");
    RawCliRun ok = RawCliRun.inProcess("пароль 密码\n", "password", "verify", "--hash", phc);
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.stdout()).isEqualTo("match, needs rehash (algorithm)\n");
    String cheapArgon2 = "$argon2id$v=19$m=8,t=1,p=1$YWFhYWFhYWE$tPAla38/iYe0rtvQKVaPv04WYar67QEGlc4fhxU185s";
    assertThat(RawCliRun.inProcess("pass", "password", "verify", "--hash", cheapArgon2).stdout())
        .as("m=8 and an 8-byte salt: both drift from the default policy")
        .isEqualTo("match, needs rehash (parameters, lengths)\n");
  }

  @Test
  void hash_bcryptOfMoreThan72Bytes_isRefused_exit2() {
    RawCliRun run = RawCliRun.inProcess("a".repeat(73) + "\n", "password", "hash", "--algorithm", "bcrypt");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).contains("72").hasLineCount(1);
  }

  @Test
  void invalidUtf8OnStdin_andUnknownAlgorithm_areUsageErrors() {
    RawCliRun notUtf8 = RawCliRun.inProcess(new byte[] {(byte) 0xff, (byte) 0xfe}, "password", "hash");
    assertThat(notUtf8.exitCode()).isEqualTo(2);
    assertThat(notUtf8.stderr()).contains("UTF-8").hasLineCount(1);
    assertThat(RawCliRun.inProcess("pw", "password", "hash", "--algorithm", "md5").exitCode()).isEqualTo(2);
    assertThat(RawCliRun.inProcess("pw", "password", "verify").exitCode()).isEqualTo(2);
  }

  @Test
  void asProcess_hashThenVerify_withStdinAndExitCodes() {
    byte[] password = "process pässword\n".getBytes(StandardCharsets.UTF_8);
    CliRun hashed = CliRun.asProcess(password, "password", "hash", "--algorithm", "bcrypt");
    assertThat(hashed.exitCode()).as(hashed.stderr()).isZero();
    String phc = hashed.stdout().strip();
    assertThat(phc).startsWith("$2b$12$");
    CliRun ok = CliRun.asProcess(password, "password", "verify", "--hash", phc);
    assertThat(ok.exitCode()).as(ok.stderr()).isZero();
    assertThat(ok.stdout().strip()).as("the default policy hashes with Argon2id").isEqualTo("match, needs rehash (algorithm)");
    CliRun wrong = CliRun.asProcess("other\n".getBytes(StandardCharsets.UTF_8), "password", "verify", "--hash", phc);
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.stderr().strip()).isEqualTo("bulwark password verify: password does not match");
    CliRun malformed = CliRun.asProcess(password, "password", "verify", "--hash", "$2b$99$x");
    assertThat(malformed.exitCode()).isEqualTo(2);
    assertThat(malformed.stderr().lines().count()).isEqualTo(1);
  }
}
