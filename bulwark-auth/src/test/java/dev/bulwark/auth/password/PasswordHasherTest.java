package dev.bulwark.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  /** Cheap parameters so that the tests run in milliseconds; the defaults are tested once. */
  private static final Argon2Parameters CHEAP = new Argon2Parameters(1024, 1, 1);

  private static final ScryptParameters CHEAP_SCRYPT = new ScryptParameters(10, 8, 1);

  private static PasswordPolicy.Builder cheap() {
    return PasswordPolicy.builder().argon2(CHEAP).scrypt(CHEAP_SCRYPT).bcryptCost(4);
  }

  private static PasswordHasher hasher(PasswordPolicy.Builder builder) {
    return PasswordHasher.create(builder.build());
  }

  private static char[] pw(String s) {
    return s.toCharArray();
  }

  @Test
  void defaultPolicy_hashesArgon2idWithRfc9106Parameters_andVerifiesWithoutRehash() throws CryptoException {
    PasswordHasher hasher = PasswordHasher.create(PasswordPolicy.defaults());
    hasher.hash(pw("warm-up"));
    long start = System.nanoTime();
    String stored = hasher.hash(pw("correct horse battery staple"));
    long hashNanos = System.nanoTime() - start;
    assertThat(stored).matches("\\$argon2id\\$v=19\\$m=65536,t=3,p=4\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    PasswordVerification ok = hasher.verify(pw("correct horse battery staple"), stored);
    assertThat(ok.matches()).isTrue();
    assertThat(ok.needsRehash()).isFalse();
    assertThat(hasher.verify(pw("correct horse battery stapl"), stored).matches()).isFalse();
    System.out.println("[argon2-timing] default Argon2id (m=64 MiB, t=3, p=4) one hash: "
        + Duration.ofNanos(hashNanos).toMillis() + " ms");
  }

  @Test
  void everyHashingAlgorithm_roundTrips_andRejectsAWrongPassword() throws CryptoException {
    for (PasswordAlgorithm algorithm : List.of(PasswordAlgorithm.ARGON2ID, PasswordAlgorithm.BCRYPT, PasswordAlgorithm.SCRYPT)) {
      PasswordHasher hasher = hasher(cheap().algorithm(algorithm));
      String stored = hasher.hash(pw("Tr0ub4dor&3"));
      PasswordVerification right = hasher.verify(pw("Tr0ub4dor&3"), stored);
      assertThat(right.matches()).as(algorithm.name()).isTrue();
      assertThat(right.needsRehash()).as(algorithm.name()).isFalse();
      PasswordVerification wrong = hasher.verify(pw("Tr0ub4dor&4"), stored);
      assertThat(wrong.matches()).isFalse();
      assertThat(wrong.needsRehash()).isFalse();
      assertThat(hasher.hash(pw("Tr0ub4dor&3"))).as("fresh salt").isNotEqualTo(stored);
    }
    assertThat(hasher(cheap().algorithm(PasswordAlgorithm.BCRYPT)).hash(pw("x"))).startsWith("$2b$04$");
    assertThat(hasher(cheap().algorithm(PasswordAlgorithm.SCRYPT)).hash(pw("x"))).startsWith("$scrypt$ln=10,r=8,p=1$");
  }

  @Test
  void verifyOnlyAlgorithms_cannotBeChosenForHashing() {
    assertThatThrownBy(() -> PasswordPolicy.builder().algorithm(PasswordAlgorithm.PBKDF2_SHA256))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordPolicy.builder().algorithm(PasswordAlgorithm.ARGON2I))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- needsRehash: algorithm change AND every parameter drift (Kratos checks only the algorithm) ---

  @Test
  void algorithmChange_needsRehash() throws CryptoException {
    String bcrypt = hasher(cheap().algorithm(PasswordAlgorithm.BCRYPT)).hash(pw("pw"));
    PasswordVerification v = hasher(cheap()).verify(pw("pw"), bcrypt);
    assertThat(v.matches()).isTrue();
    assertThat(v.rehashReasons()).containsExactly(RehashReason.ALGORITHM);
  }

  @Test
  void argon2ParameterDrift_inMemoryIterationsOrLanes_needsRehash_unlikeKratos() throws CryptoException {
    String stored = hasher(cheap()).hash(pw("pw"));
    for (Argon2Parameters now : List.of(new Argon2Parameters(2048, 1, 1), new Argon2Parameters(1024, 2, 1),
        new Argon2Parameters(1024, 1, 2))) {
      PasswordVerification v = hasher(cheap().argon2(now)).verify(pw("pw"), stored);
      assertThat(v.matches()).isTrue();
      assertThat(v.rehashReasons()).as(now.toString()).containsExactly(RehashReason.PARAMETERS);
    }
  }

  @Test
  void bcryptCostDrift_andLegacyPrefix_needRehash() throws CryptoException {
    String cost4 = hasher(cheap().algorithm(PasswordAlgorithm.BCRYPT)).hash(pw("pw"));
    PasswordHasher cost5 = hasher(cheap().algorithm(PasswordAlgorithm.BCRYPT).bcryptCost(5));
    assertThat(cost5.verify(pw("pw"), cost4).rehashReasons()).containsExactly(RehashReason.PARAMETERS);
    String as2a = "$2a$" + cost4.substring(4);
    assertThat(hasher(cheap().algorithm(PasswordAlgorithm.BCRYPT)).verify(pw("pw"), as2a).rehashReasons())
        .containsExactly(RehashReason.ALGORITHM);
  }

  @Test
  void scryptParameterDrift_inNrOrP_needsRehash() throws CryptoException {
    PasswordPolicy.Builder scrypt = cheap().algorithm(PasswordAlgorithm.SCRYPT);
    String stored = hasher(scrypt).hash(pw("pw"));
    for (ScryptParameters now : List.of(new ScryptParameters(11, 8, 1), new ScryptParameters(10, 4, 1),
        new ScryptParameters(10, 8, 2))) {
      PasswordVerification v = hasher(cheap().algorithm(PasswordAlgorithm.SCRYPT).scrypt(now)).verify(pw("pw"), stored);
      assertThat(v.matches()).isTrue();
      assertThat(v.rehashReasons()).as(now.toString()).containsExactly(RehashReason.PARAMETERS);
    }
  }

  @Test
  void saltOrDigestLengthDrift_needsRehash() throws CryptoException {
    String stored = hasher(cheap()).hash(pw("pw"));
    assertThat(hasher(cheap().saltBytes(32)).verify(pw("pw"), stored).rehashReasons()).containsExactly(RehashReason.LENGTHS);
    assertThat(hasher(cheap().hashBytes(64)).verify(pw("pw"), stored).rehashReasons()).containsExactly(RehashReason.LENGTHS);
  }

  @Test
  void pbkdf2Sha256_inPhcAndPasslibForm_verifiesForMigration_andAlwaysNeedsRehash() throws CryptoException {
    // passlib.hash.pbkdf2_sha256.using(rounds=1000, salt=b"saltsaltsaltsalt").hash("password")
    String phc = "$pbkdf2-sha256$i=1000$c2FsdHNhbHRzYWx0c2FsdA$"
        + java.util.Base64.getEncoder().withoutPadding().encodeToString(pbkdf2("password", "saltsaltsaltsalt", 1000));
    PasswordVerification v = hasher(cheap()).verify(pw("password"), phc);
    assertThat(v.matches()).isTrue();
    assertThat(v.rehashReasons()).containsExactly(RehashReason.ALGORITHM);
    assertThat(hasher(cheap()).verify(pw("passw0rd"), phc).matches()).isFalse();
    String passlib = phc.replace("i=1000", "1000").replace('+', '.');
    assertThat(hasher(cheap()).verify(pw("password"), passlib).matches()).isTrue();
  }

  private static byte[] pbkdf2(String password, String salt, int iterations) {
    try {
      var spec = new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt.getBytes(java.nio.charset.StandardCharsets.UTF_8), iterations, 256);
      return javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  // --- pepper rotation ---

  @Test
  void pepper_isRecordedAsKeyId_andRotates_oldIdVerifiesAndNeedsRehash() throws CryptoException {
    MacKey old = MacKey.generate(MacAlgorithm.HMAC_SHA256);
    MacKey current = MacKey.generate(MacAlgorithm.HMAC_SHA256);
    PasswordHasher before = hasher(cheap().pepper(PasswordPepper.of("p2025", old)));
    String stored = before.hash(pw("pw"));
    assertThat(stored).startsWith("$argon2id$v=19$m=1024,t=1,p=1,k=p2025$");
    assertThat(before.verify(pw("pw"), stored).needsRehash()).isFalse();

    PasswordHasher after = hasher(cheap().pepper(PasswordPepper.of("p2026", current).withRetired("p2025", old)));
    PasswordVerification v = after.verify(pw("pw"), stored);
    assertThat(v.matches()).isTrue();
    assertThat(v.rehashReasons()).containsExactly(RehashReason.PEPPER);
    assertThat(after.verify(pw("wrong"), stored).matches()).isFalse();
    String rehashed = after.hash(pw("pw"));
    assertThat(rehashed).contains(",k=p2026$");
    assertThat(after.verify(pw("pw"), rehashed).needsRehash()).isFalse();

    PasswordHasher retiredGone = hasher(cheap().pepper(PasswordPepper.of("p2026", current)));
    assertThatThrownBy(() -> retiredGone.verify(pw("pw"), stored))
        .isInstanceOf(CryptoException.class).hasMessageContaining("pepper id");
    assertThatThrownBy(() -> hasher(cheap()).verify(pw("pw"), stored)).isInstanceOf(CryptoException.class);
  }

  @Test
  void pepper_changesTheDigest_andAnUnpepperedHashNeedsRehashOnceAPepperIsConfigured() throws CryptoException {
    MacKey key = MacKey.generate(MacAlgorithm.HMAC_SHA256);
    String plain = hasher(cheap()).hash(pw("pw"));
    PasswordHasher peppered = hasher(cheap().pepper(PasswordPepper.of("a", key)));
    assertThat(peppered.verify(pw("pw"), plain).rehashReasons()).containsExactly(RehashReason.PEPPER);
    String withPepper = peppered.hash(pw("pw"));
    String withoutK = withPepper.replace(",k=a", "");
    assertThat(peppered.verify(pw("pw"), withoutK).matches()).as("the pepper is really applied").isFalse();
    String scrypt = hasher(cheap().algorithm(PasswordAlgorithm.SCRYPT).pepper(PasswordPepper.of("a", key))).hash(pw("pw"));
    assertThat(scrypt).contains(",k=a$");
    assertThat(peppered.verify(pw("pw"), scrypt).matches()).isTrue();
  }

  @Test
  void pepper_withBcrypt_isRefused_becauseBcryptHasNoFieldForTheKeyId() {
    PasswordPepper pepper = PasswordPepper.of("a", MacKey.generate(MacAlgorithm.HMAC_SHA256));
    assertThatThrownBy(() -> cheap().algorithm(PasswordAlgorithm.BCRYPT).pepper(pepper).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordPepper.of("a", MacKey.generate(MacAlgorithm.HMAC_SHA512)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordPepper.of("bad id", MacKey.generate(MacAlgorithm.HMAC_SHA256)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(pepper.toString()).doesNotContain("MacKey[");
  }

  // --- hard edges, each named for the bug it prevents ---

  @Test
  void bcryptPasswordOver72Bytes_isRejectedAtHashTime_notSilentlyTruncated_CVE_2025_22228() {
    PasswordHasher bcrypt = hasher(cheap().algorithm(PasswordAlgorithm.BCRYPT));
    assertThat(bcrypt.hash(pw("a".repeat(72)))).startsWith("$2b$");
    assertThatThrownBy(() -> bcrypt.hash(pw("a".repeat(73))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("72");
    // 25 Cyrillic letters are 50 chars of UTF-8... 37 of them are 74 bytes: the limit counts bytes.
    assertThatThrownBy(() -> bcrypt.hash(pw("ж".repeat(37)))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bcryptPasswordOver72Bytes_neverMatchesOnItsFirst72Bytes_CVE_2025_22228() throws CryptoException {
    PasswordHasher bcrypt = hasher(cheap().algorithm(PasswordAlgorithm.BCRYPT));
    String stored = bcrypt.hash(pw("a".repeat(72)));
    assertThat(bcrypt.verify(pw("a".repeat(72) + "anything"), stored).matches()).isFalse();
    assertThat(bcrypt.verify(pw("a".repeat(72)), stored).matches()).isTrue();
  }

  @Test
  void bcryptCost31_isOutOfBounds_neverRunAsZeroRounds_CVE_2022_22976() {
    String cost31 = "$2b$31$" + "abcdefghijklmnopqrstuu" + "5s2v8.iXieOjg/.AySBTTZIIVFJeBui";
    assertThatThrownBy(() -> hasher(cheap()).verify(pw("pw"), cost31))
        .isInstanceOf(CryptoException.class).hasMessageContaining("out of bounds");
    assertThatThrownBy(() -> PasswordPolicy.builder().bcryptCost(31).build())
        .as("31 exceeds the documented verification maximum (18) unless the limits are raised")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordPolicy.builder().bcryptCost(32)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bcryptCostField_cannotOverflowOrUnderflow_CVE_2022_22976() {
    String rest = "abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui";
    for (String cost : List.of("99", "32", "00", "03", "-1", "+5", "4", "2147483679")) {
      assertThatThrownBy(() -> hasher(cheap()).verify(pw("pw"), "$2a$" + cost + "$" + rest))
          .as(cost).isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void storedArgon2Memory2Pow31_isRejectedBeforeAnyAllocation() {
    String salt = "c2FsdHNhbHRzYWx0c2FsdA";
    String hash = "A".repeat(42) + "A";
    for (String params : List.of("m=2147483648,t=1,p=1", "m=2147483647,t=1,p=1", "m=262145,t=1,p=1",
        "m=99999999999999999999,t=1,p=1", "m=1024,t=4294967296,p=1", "m=1024,t=17,p=1", "m=1024,t=1,p=17",
        "m=7,t=1,p=1", "m=1024,t=0,p=1")) {
      assertThatThrownBy(() -> hasher(cheap()).verify(pw("pw"), "$argon2id$v=19$" + params + "$" + salt + "$" + hash))
          .as(params).isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void storedScryptAndPbkdf2Costs_areBoundedBeforeAnyAllocation() {
    String tail = "$c2FsdHNhbHRzYWx0c2FsdA$" + "A".repeat(43);
    for (String stored : List.of("$scrypt$ln=30,r=8,p=1" + tail, "$scrypt$ln=19,r=8,p=1" + tail,
        "$scrypt$ln=10,r=256,p=1" + tail, "$scrypt$ln=10,r=8,p=17" + tail, "$scrypt$ln=31,r=1,p=1" + tail,
        "$pbkdf2-sha256$i=2147483648" + tail, "$pbkdf2-sha256$i=10000001" + tail, "$pbkdf2-sha256$i=0" + tail)) {
      assertThatThrownBy(() -> hasher(cheap()).verify(pw("pw"), stored)).as(stored).isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void nonLatin1Passwords_roundTripAsUtf8_password4jIssue126() throws CryptoException {
    for (PasswordAlgorithm algorithm : List.of(PasswordAlgorithm.ARGON2ID, PasswordAlgorithm.BCRYPT, PasswordAlgorithm.SCRYPT)) {
      PasswordHasher hasher = hasher(cheap().algorithm(algorithm));
      for (String password : List.of("пароль", "密码密码", "كلمة السر", "🔐🔑", "Ωμέγα")) {
        String stored = hasher.hash(pw(password));
        assertThat(hasher.verify(pw(password), stored).matches()).as(algorithm + " " + password).isTrue();
        // Latin-1 would map every one of these to '?': distinct passwords must stay distinct.
        assertThat(hasher.verify(pw("?".repeat(password.length())), stored).matches()).isFalse();
        assertThat(hasher.verify(pw(password.substring(1)), stored).matches()).isFalse();
      }
    }
  }

  @Test
  void nfkcEquivalentSpellings_areTheSamePassword() throws CryptoException {
    PasswordHasher hasher = hasher(cheap());
    String composed = hasher.hash(pw("caf\u00e9"));
    assertThat(hasher.verify(pw("cafe\u0301"), composed).matches()).as("combining accent").isTrue();
    String fullwidth = hasher.hash(pw("\uFF21\uFF22\uFF23"));
    assertThat(hasher.verify(pw("ABC"), fullwidth).matches()).as("fullwidth letters").isTrue();
    assertThat(hasher.verify(pw("abc"), fullwidth).matches()).as("NFKC does not fold case").isFalse();
  }

  @Test
  void unpairedSurrogate_isRefusedWhenHashing_andNeverMatches() throws CryptoException {
    PasswordHasher hasher = hasher(cheap());
    assertThatThrownBy(() -> hasher.hash(new char[] {'a', '\uD800'})).isInstanceOf(IllegalArgumentException.class);
    String stored = hasher.hash(pw("a?"));
    assertThat(hasher.verify(new char[] {'a', '\uD800'}, stored).matches()).isFalse();
  }

  @Test
  void bcryptPasswordWithNul_isRefused_becauseCImplementationsStopThere() {
    PasswordHasher bcrypt = hasher(cheap().algorithm(PasswordAlgorithm.BCRYPT));
    assertThatThrownBy(() -> bcrypt.hash(pw("ab\u0000cd"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hashing_leavesTheCallersArrayIntact_andRefusesOverlongPasswords() throws CryptoException {
    char[] password = pw("caf\u00e9 secret");
    char[] copy = password.clone();
    PasswordHasher hasher = hasher(cheap());
    String stored = hasher.hash(password);
    assertThat(password).isEqualTo(copy);
    assertThat(hasher.verify(password, stored).matches()).isTrue();
    assertThatThrownBy(() -> hasher.hash(new char[PasswordHasher.MAX_PASSWORD_CHARS + 1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(hasher.verify(new char[PasswordHasher.MAX_PASSWORD_CHARS + 1], stored).matches()).isFalse();
  }

  @Test
  void malformedStoredHashes_areCryptoExceptions_whoseMessagesDoNotEchoTheInput() throws CryptoException {
    String good = hasher(cheap()).hash(pw("pw"));
    String[] parts = good.split("\\$");
    String salt = parts[4];
    String digest = parts[5];
    List<String> malformed = List.of(
        "", "argon2id", "$", "$$", "$argon2id", "$argon2id$v=19$m=1024,t=1,p=1$" + salt,
        "$argon2id$v=16$m=1024,t=1,p=1$" + salt + "$" + digest,
        "$argon2id$m=1024,t=1,p=1$" + salt + "$" + digest,
        "$argon2id$v=19$t=1,m=1024,p=1$" + salt + "$" + digest,
        "$argon2id$v=19$m=01024,t=1,p=1$" + salt + "$" + digest,
        "$argon2id$v=19$m=1024,t=1,p=1,x=2$" + salt + "$" + digest,
        "$argon2id$v=19$m=1024,t=1,p=1,k=a,k=b$" + salt + "$" + digest,
        "$argon2id$v=19$m=1024,t=1,p=1$" + salt + "==$" + digest,
        "$argon2id$v=19$m=1024,t=1,p=1$" + salt.substring(0, 21) + "B$" + digest,
        "$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$" + digest + "$",
        "$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$" + digest,
        "$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$" + digest.substring(0, 10),
        "$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$" + digest + "A".repeat(60),
        "$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$" + digest + "x".repeat(600),
        "$md5$abc$def", "$2x$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui",
        "$2b$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBu", "$2b$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBu!",
        "$scrypt$ln=10,r=8$" + salt + "$" + digest, "$pbkdf2-sha256$i=$" + salt + "$" + digest);
    PasswordHasher hasher = hasher(cheap());
    for (String stored : malformed) {
      assertThatThrownBy(() -> hasher.verify(pw("pw"), stored))
          .as(stored).isInstanceOf(CryptoException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(salt).doesNotContain(digest));
    }
    assertThatThrownBy(() -> hasher.verify(pw("pw"), null)).isInstanceOf(CryptoException.class);
  }

  @Test
  void verificationLimits_refuseAPolicyThatCouldNotVerifyItsOwnHashes() {
    assertThatThrownBy(() -> PasswordPolicy.builder().argon2(new Argon2Parameters(1 << 20, 3, 4)).build())
        .isInstanceOf(IllegalArgumentException.class);
    VerificationLimits big = new VerificationLimits(1 << 20, 16, 16, 18, 256L << 20, 16, 10_000_000);
    assertThat(PasswordPolicy.builder().limits(big).argon2(new Argon2Parameters(1 << 20, 3, 4)).build().argon2().memoryKiB())
        .isEqualTo(1 << 20);
    assertThat(Set.of(RehashReason.values())).hasSize(5);
    assertThat(Arrays.asList(PasswordAlgorithm.values())).filteredOn(PasswordAlgorithm::canHash).hasSize(3);
  }
}
