package dev.bulwark.auth.password.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.auth.password.Argon2Parameters;
import dev.bulwark.auth.password.PasswordHasher;
import dev.bulwark.auth.password.PasswordPepper;
import dev.bulwark.auth.password.PasswordPolicy;
import dev.bulwark.auth.password.PasswordVerification;
import dev.bulwark.auth.password.ScryptParameters;
import dev.bulwark.auth.password.VerificationLimits;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;

/**
 * Fuzzes {@link PasswordHasher#verify} with arbitrary stored strings: the only documented failure is
 * {@link CryptoException}. Each input is verified twice, with the password {@code "password"} (the
 * seeds in {@code PhcStringFuzzTestInputs} are valid hashes of it, one per format, so the match and
 * rehash paths are reached) and with the input itself as the password (arbitrary Unicode through
 * NFKC and UTF-8).
 *
 * <p>Tight limits (1 MiB Argon2, bcrypt cost 6, 1 MiB scrypt, 10 000 PBKDF2 iterations) keep each
 * run fast; that every bound is enforced before allocation is what lets a run never exhaust memory
 * whatever numbers the fuzzer writes.
 */
class PhcStringFuzzTest {
  private static final PasswordHasher HASHER =
      PasswordHasher.create(
          PasswordPolicy.builder()
              .argon2(new Argon2Parameters(1024, 1, 1))
              .scrypt(new ScryptParameters(10, 8, 1))
              .bcryptCost(4)
              .limits(new VerificationLimits(1024, 2, 4, 6, 1L << 20, 2, 10_000))
              .pepper(PasswordPepper.of("cur", MacKey.generate(MacAlgorithm.HMAC_SHA256))
                  .withRetired("old", MacKey.generate(MacAlgorithm.HMAC_SHA256)))
              .build());

  @FuzzTest
  void verify_throwsOnlyCryptoException(FuzzedDataProvider data) {
    String stored = data.consumeRemainingAsString();
    for (String password : new String[] {"password", stored}) {
      try {
        PasswordVerification result = HASHER.verify(password.toCharArray(), stored);
        assertThat(result.needsRehash()).isEqualTo(result.matches() && !result.rehashReasons().isEmpty());
      } catch (CryptoException expected) {
        assertThat(expected.getMessage()).isNotBlank();
        if (stored.length() > 12) {
          assertThat(expected.getMessage()).doesNotContain(stored);
        }
      }
    }
  }
}
