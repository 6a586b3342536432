package dev.bulwark.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.testkit.Python;
import dev.bulwark.testkit.Requirements;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PHC strings interoperate both ways with argon2-cffi and PyCA bcrypt (the system python3). */
class PythonInteropTest {
  /** ASCII, Latin-1, Cyrillic, CJK, Arabic, emoji: all already in NFKC, so both sides see the same bytes. */
  private static final List<String> PASSWORDS =
      List.of("password", "correct horse battery staple", "pässwörd", "пароль", "密码密码", "كلمة السر", "🔐🔑 key",
          "a".repeat(72));

  private static final String VERIFY_SCRIPT =
      """
      import sys, argon2, bcrypt
      ph = argon2.PasswordHasher()
      for line in sys.stdin.read().splitlines():
          pw_hex, stored = line.split("\\t")
          pw = bytes.fromhex(pw_hex)
          if stored.startswith("$2"):
              ok = bcrypt.checkpw(pw, stored.encode("ascii"))
          else:
              try:
                  ok = ph.verify(stored, pw)
              except argon2.exceptions.VerifyMismatchError:
                  ok = False
          print("match" if ok else "mismatch")
      """;

  private static final String HASH_SCRIPT =
      """
      import sys, argon2, bcrypt
      hashers = [argon2.PasswordHasher(), argon2.PasswordHasher(time_cost=1, memory_cost=8192, parallelism=2, hash_len=32, salt_len=16)]
      for pw_hex in sys.stdin.read().splitlines():
          pw = bytes.fromhex(pw_hex)
          for h in hashers:
              print(h.hash(pw))
          print(bcrypt.hashpw(pw, bcrypt.gensalt(rounds=4)).decode("ascii"))
      """;

  private static String hex(String password) {
    return HexFormat.of().formatHex(password.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void hashesMadeHere_verifyInArgon2CffiAndPycaBcrypt() {
    Python python = Requirements.python("argon2", "bcrypt");
    PasswordHasher argon2 = PasswordHasher.create(PasswordPolicy.builder().argon2(new Argon2Parameters(8192, 2, 2)).build());
    PasswordHasher bcrypt = PasswordHasher.create(PasswordPolicy.builder().algorithm(PasswordAlgorithm.BCRYPT).bcryptCost(4).build());
    StringBuilder input = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (String password : PASSWORDS) {
      for (PasswordHasher hasher : List.of(argon2, bcrypt)) {
        String stored = hasher.hash(password.toCharArray());
        input.append(hex(password)).append('\t').append(stored).append('\n');
        expected.add("match");
        input.append(hex(password + "!")).append('\t').append(stored).append('\n');
        expected.add(password.length() == 72 && stored.startsWith("$2") ? "match" : "mismatch");
      }
    }
    List<String> answers = python.runText(VERIFY_SCRIPT, input.toString()).lines().toList();
    assertThat(answers).containsExactlyElementsOf(expected);
    System.out.println("[interop] Bulwark -> Python: " + PASSWORDS.size() * 2 + " hashes (Argon2id + bcrypt) verified by "
        + "argon2-cffi / PyCA bcrypt, " + PASSWORDS.size() * 2 + " wrong passwords rejected");
  }

  @Test
  void hashesMadeByArgon2CffiAndPycaBcrypt_verifyHere() throws CryptoException {
    Python python = Requirements.python("argon2", "bcrypt");
    StringBuilder input = new StringBuilder();
    for (String password : PASSWORDS) {
      input.append(hex(password)).append('\n');
    }
    List<String> hashes = python.runText(HASH_SCRIPT, input.toString()).lines().toList();
    assertThat(hashes).hasSize(PASSWORDS.size() * 3);
    PasswordHasher hasher = PasswordHasher.create(PasswordPolicy.defaults());
    int verified = 0;
    for (int i = 0; i < hashes.size(); i++) {
      String password = PASSWORDS.get(i / 3);
      String stored = hashes.get(i);
      PasswordVerification right = hasher.verify(password.toCharArray(), stored);
      assertThat(right.matches()).as(stored).isTrue();
      assertThat(right.needsRehash()).as("Python's parameters differ from the policy").isTrue();
      assertThat(hasher.verify(("x" + password).toCharArray(), stored).matches()).as(stored).isFalse();
      verified++;
    }
    System.out.println("[interop] Python -> Bulwark: " + verified + " hashes (2 argon2-cffi profiles + PyCA bcrypt) "
        + "verified here, " + verified + " wrong passwords rejected");
  }

  private static final String SCRYPT_PBKDF2_SCRIPT =
      """
      import sys, hashlib, base64, os
      b64 = lambda x: base64.b64encode(x).decode().rstrip("=")
      unb64 = lambda s: base64.b64decode(s + "=" * (-len(s) % 4))
      for line in sys.stdin.read().splitlines():
          pw_hex, stored = line.split("\t")
          pw = bytes.fromhex(pw_hex)
          if stored == "-":
              salt = os.urandom(16)
              print("$scrypt$ln=10,r=8,p=1$%s$%s" % (b64(salt), b64(hashlib.scrypt(pw, salt=salt, n=1024, r=8, p=1, dklen=32))))
              print("$pbkdf2-sha256$i=5000$%s$%s" % (b64(salt), b64(hashlib.pbkdf2_hmac("sha256", pw, salt, 5000))))
          else:
              _, _, params, salt, digest = stored.split("$")
              p = dict(kv.split("=") for kv in params.split(","))
              got = hashlib.scrypt(pw, salt=unb64(salt), n=1 << int(p["ln"]), r=int(p["r"]), p=int(p["p"]), dklen=len(unb64(digest)))
              print("match" if got == unb64(digest) else "mismatch")
      """;

  @Test
  void scryptBothWays_andPbkdf2FromPython_agreeWithHashlib() throws CryptoException {
    Python python = Requirements.python("hashlib");
    PasswordHasher scrypt = PasswordHasher.create(PasswordPolicy.builder()
        .algorithm(PasswordAlgorithm.SCRYPT).scrypt(new ScryptParameters(10, 8, 1)).build());
    StringBuilder input = new StringBuilder();
    for (String password : PASSWORDS) {
      input.append(hex(password)).append('\t').append(scrypt.hash(password.toCharArray())).append('\n');
      input.append(hex(password)).append("\t-\n");
    }
    List<String> out = python.runText(SCRYPT_PBKDF2_SCRIPT, input.toString()).lines().toList();
    assertThat(out).hasSize(PASSWORDS.size() * 3);
    int made = 0;
    for (int i = 0; i < PASSWORDS.size(); i++) {
      String password = PASSWORDS.get(i);
      assertThat(out.get(3 * i)).as("our scrypt in hashlib: " + password).isEqualTo("match");
      for (String stored : List.of(out.get(3 * i + 1), out.get(3 * i + 2))) {
        PasswordVerification v = scrypt.verify(password.toCharArray(), stored);
        assertThat(v.matches()).as(stored).isTrue();
        assertThat(scrypt.verify((password + " ").toCharArray(), stored).matches()).isFalse();
        made++;
      }
    }
    System.out.println("[interop] scrypt Bulwark -> hashlib: " + PASSWORDS.size() + " verified; hashlib scrypt + "
        + "PBKDF2-SHA256 -> Bulwark: " + made + " verified");
  }
}
