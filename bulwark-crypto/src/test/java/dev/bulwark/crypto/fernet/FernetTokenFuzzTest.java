package dev.bulwark.crypto.fernet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.crypto.CryptoException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Fuzzes Fernet token decoding and verification: arbitrary text fed to {@link Fernet#decrypt} and
 * {@link MultiFernet}, whose only documented failure is {@link CryptoException}.
 */
class FernetTokenFuzzTest {
  private static final FernetKey KEY = FernetKey.insecureFromBytes(new byte[32]);
  private static final Fernet FERNET =
      Fernet.create(KEY, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), new FixedRandom(new byte[16]));
  private static final MultiFernet MULTI = MultiFernet.of(List.of(Fernet.create(FernetKey.generate()), FERNET));

  @FuzzTest
  void decrypt_throwsOnlyCryptoException(FuzzedDataProvider data) {
    boolean withTtl = data.consumeBoolean();
    String token = data.consumeRemainingAsString();
    try {
      byte[] plaintext = withTtl ? FERNET.decrypt(token, Duration.ofSeconds(60)) : FERNET.decrypt(token);
      // Only a token made with the key can open: re-encrypting must give a token that opens alike.
      assertThat(FERNET.decrypt(FERNET.encrypt(plaintext))).isEqualTo(plaintext);
    } catch (CryptoException expected) {
      assertThat(expected.getMessage()).doesNotContain(token.length() > 8 ? token : "\u0000\u0000");
    }
    try {
      MULTI.rotate(token);
    } catch (CryptoException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
