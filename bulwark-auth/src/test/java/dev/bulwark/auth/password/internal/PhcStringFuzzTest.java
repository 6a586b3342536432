package dev.bulwark.auth.password.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.auth.password.PasswordHasher;
import dev.bulwark.auth.password.PasswordPolicy;
import dev.bulwark.auth.password.PasswordVerification;
import dev.bulwark.auth.password.VerificationLimits;
import dev.bulwark.crypto.CryptoException;

/**
 * Fuzzes {@link PasswordHasher#verify} with arbitrary stored strings: the only documented failure is
 * {@link CryptoException}. Tight limits (1 MiB Argon2, bcrypt cost 6, 1 MiB scrypt, 10 000 PBKDF2
 * iterations) keep each run fast; that every bound is enforced before allocation is what lets a run
 * with these limits never run out of memory.
 */
class PhcStringFuzzTest {
  private static final PasswordHasher HASHER =
      PasswordHasher.create(
          PasswordPolicy.builder()
              .argon2(new dev.bulwark.auth.password.Argon2Parameters(1024, 1, 1))
              .scrypt(new dev.bulwark.auth.password.ScryptParameters(10, 8, 1))
              .bcryptCost(4)
              .limits(new VerificationLimits(1024, 2, 4, 6, 1L << 20, 2, 10_000))
              .build());

  @FuzzTest
  void verify_throwsOnlyCryptoException(FuzzedDataProvider data) {
    String password = data.consumeString(80);
    String stored = data.consumeRemainingAsString();
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
