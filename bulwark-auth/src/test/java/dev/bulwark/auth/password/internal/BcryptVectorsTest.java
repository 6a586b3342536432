package dev.bulwark.auth.password.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.password.PasswordHasher;
import dev.bulwark.auth.password.PasswordPolicy;
import dev.bulwark.auth.password.PasswordVerification;
import dev.bulwark.auth.password.RehashReason;
import dev.bulwark.auth.password.VerificationLimits;
import dev.bulwark.testkit.Requirements;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** All 93 records of Botan's bcrypt.vec (jBCrypt, Openwall crypt_blowfish, OpenBSD, long passwords). */
class BcryptVectorsTest {
  /** One record: the password's raw bytes and the hash that must verify. */
  record BotanBcryptVector(byte[] password, String passhash) {}

  private static List<BotanBcryptVector> vectors() throws Exception {
    List<BotanBcryptVector> out = new ArrayList<>();
    for (VectorFiles.VecRecord r : VectorFiles.read(Requirements.vectors("bcrypt/bcrypt.vec"), "Passhash")) {
      out.add(new BotanBcryptVector(r.hex("Password"), r.get("Passhash")));
    }
    assertThat(out).hasSize(93);
    return out;
  }

  /** The raw-byte path: every record, including 8-bit passwords that are not UTF-8. */
  @Test
  void everyRecord_verifiesOnItsRawBytes_andFailsWithOneBitFlipped() throws Exception {
    List<String> failures = new ArrayList<>();
    int truncated = 0;
    for (BotanBcryptVector v : vectors()) {
      StoredHash stored = StoredHash.parse(v.passhash(), VerificationLimits.defaults());
      byte[] password = v.password().length > 72 ? Arrays.copyOf(v.password(), 72) : v.password();
      truncated += v.password().length > 72 ? 1 : 0;
      String computed = Kdfs.bcrypt(stored.bcryptVersion(), password, stored.salt(), stored.bcryptCost());
      if (!stored.bcryptEquals(computed)) {
        failures.add(v.passhash());
      }
      byte[] flipped = password.length == 0 ? new byte[] {'a'} : password.clone();
      if (password.length > 0) {
        flipped[0] ^= 1;
      }
      if (stored.bcryptEquals(Kdfs.bcrypt(stored.bcryptVersion(), flipped, stored.salt(), stored.bcryptCost()))) {
        failures.add("flipped " + v.passhash());
      }
    }
    assertThat(failures).isEmpty();
    System.out.println("[bcrypt-vectors] bcrypt.vec raw bytes: 93 of 93 verified (" + truncated + " longer than 72 bytes)");
  }

  /**
   * The public API: every record whose password is UTF-8 already in NFKC (the others cannot be typed
   * as a Unicode password). Records over 72 bytes match only with legacy truncation switched on.
   */
  @Test
  void everyUnicodeRecord_verifiesThroughThePasswordHasher() throws Exception {
    PasswordHasher strict = PasswordHasher.create(PasswordPolicy.builder().bcryptCost(4).build());
    PasswordHasher legacy = PasswordHasher.create(PasswordPolicy.builder().legacyBcryptTruncation(true).build());
    int viaApi = 0;
    int longOnes = 0;
    for (BotanBcryptVector v : vectors()) {
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(v.password())).toString();
      } catch (CharacterCodingException notUtf8) {
        continue;
      }
      if (!Normalizer.isNormalized(text, Normalizer.Form.NFKC) || text.indexOf('\0') >= 0) {
        continue;
      }
      PasswordVerification result = legacy.verify(text.toCharArray(), v.passhash());
      assertThat(result.matches()).as(v.passhash()).isTrue();
      assertThat(result.rehashReasons()).contains(RehashReason.ALGORITHM);
      if (v.password().length > 72) {
        longOnes++;
        assertThat(result.rehashReasons()).contains(RehashReason.TRUNCATED_PASSWORD);
        assertThat(strict.verify(text.toCharArray(), v.passhash()).matches()).isFalse();
      } else {
        assertThat(strict.verify(text.toCharArray(), v.passhash()).matches()).isTrue();
      }
      viaApi++;
    }
    assertThat(viaApi).isGreaterThan(60);
    System.out.println("[bcrypt-vectors] bcrypt.vec via PasswordHasher: " + viaApi + " Unicode records verified ("
        + longOnes + " over 72 bytes, matched only with legacy truncation)");
  }
}
