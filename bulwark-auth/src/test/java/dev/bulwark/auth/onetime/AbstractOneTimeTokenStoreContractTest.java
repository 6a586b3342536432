package dev.bulwark.auth.onetime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.testing.Concurrently;
import dev.bulwark.auth.testing.TestClock;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link OneTimeTokenStore} meets, driven through {@link OneTimeTokens}. */
abstract class AbstractOneTimeTokenStoreContractTest {
  protected final TestClock clock = new TestClock();
  protected OneTimeTokenStore store;
  private final MacKey key = MacKey.generate(MacAlgorithm.HMAC_SHA256);
  private OneTimeTokens tokens;

  protected abstract OneTimeTokenStore newStore(TestClock clock) throws Exception;

  @BeforeEach
  void setUpStore() throws Exception {
    store = newStore(clock);
    tokens = OneTimeTokens.create(store, TokenHashKeys.of("k1", key), clock,
        dev.bulwark.crypto.tokens.SecureTokens.system());
  }

  @Test
  void issuedToken_redeemsOnce_forItsSubject() throws CryptoException {
    IssuedToken issued = tokens.issue("user-42", TokenPurpose.PASSWORD_RESET);
    assertThat(issued.insecureToken()).matches("k1\\.[A-Za-z0-9_-]{43}");
    assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    assertThat(issued.toString()).doesNotContain(issued.insecureToken().substring(3));
    assertThat(tokens.redeem(issued.insecureToken(), TokenPurpose.PASSWORD_RESET)).isEqualTo("user-42");
    assertThatThrownBy(() -> tokens.redeem(issued.insecureToken(), TokenPurpose.PASSWORD_RESET))
        .isInstanceOf(CryptoException.class).hasMessage("one-time token invalid, expired or already used");
  }

  @Test
  void resetToken_expiresAfterOneHour() throws CryptoException {
    IssuedToken early = tokens.issue("u", TokenPurpose.PASSWORD_RESET);
    IssuedToken late = tokens.issue("u", TokenPurpose.PASSWORD_RESET);
    clock.advance(Duration.ofMinutes(59));
    assertThat(tokens.redeem(early.insecureToken(), TokenPurpose.PASSWORD_RESET)).isEqualTo("u");
    clock.advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> tokens.redeem(late.insecureToken(), TokenPurpose.PASSWORD_RESET))
        .isInstanceOf(CryptoException.class);
  }

  @Test
  void tokenForOnePurpose_doesNotRedeemForAnother_andIsNotSpentByTheTry() throws CryptoException {
    IssuedToken verify = tokens.issue("u", TokenPurpose.EMAIL_VERIFICATION);
    assertThatThrownBy(() -> tokens.redeem(verify.insecureToken(), TokenPurpose.PASSWORD_RESET))
        .isInstanceOf(CryptoException.class);
    assertThat(tokens.redeem(verify.insecureToken(), TokenPurpose.EMAIL_VERIFICATION)).isEqualTo("u");
  }

  @Test
  void tamperedTruncatedOrForeignTokens_areRejected() {
    IssuedToken issued = tokens.issue("u", TokenPurpose.PASSWORD_RESET);
    String token = issued.insecureToken();
    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    for (String bad : new String[] {tampered, token.substring(0, token.length() - 1), token + "A",
        "k2" + token.substring(2), "." + token.substring(3), token.replace('.', ':'), "", "k1.",
        "k1." + "=".repeat(43), token.substring(0, 10) + "\u0000" + token.substring(11), "x".repeat(100_000)}) {
      assertThatThrownBy(() -> tokens.redeem(bad, TokenPurpose.PASSWORD_RESET)).as(bad.length() > 80 ? "long" : bad)
          .isInstanceOf(CryptoException.class).hasMessage("one-time token invalid, expired or already used");
    }
    assertThatThrownBy(() -> tokens.redeem(null, TokenPurpose.PASSWORD_RESET)).isInstanceOf(CryptoException.class);
  }

  @Test
  void tokenUnderAnotherKey_isRejected_rotationKeepsOldTokensAlive() throws CryptoException {
    IssuedToken old = tokens.issue("u", TokenPurpose.PASSWORD_RESET);
    MacKey next = MacKey.generate(MacAlgorithm.HMAC_SHA256);
    OneTimeTokens rotated = OneTimeTokens.create(store, TokenHashKeys.of("k2", next).withRetired("k1", key), clock,
        dev.bulwark.crypto.tokens.SecureTokens.system());
    IssuedToken fresh = rotated.issue("v", TokenPurpose.PASSWORD_RESET);
    assertThat(fresh.insecureToken()).startsWith("k2.");
    assertThat(rotated.redeem(old.insecureToken(), TokenPurpose.PASSWORD_RESET)).isEqualTo("u");
    OneTimeTokens otherKeyUnderSameId = OneTimeTokens.create(store,
        TokenHashKeys.of("k2", MacKey.generate(MacAlgorithm.HMAC_SHA256)), clock,
        dev.bulwark.crypto.tokens.SecureTokens.system());
    assertThatThrownBy(() -> otherKeyUnderSameId.redeem(fresh.insecureToken(), TokenPurpose.PASSWORD_RESET))
        .isInstanceOf(CryptoException.class);
    assertThat(rotated.redeem(fresh.insecureToken(), TokenPurpose.PASSWORD_RESET)).isEqualTo("v");
  }

  @Test
  void concurrentRedemptions_exactlyOneWins() throws Exception {
    IssuedToken issued = tokens.issue("u", TokenPurpose.PASSWORD_RESET);
    int winners = Concurrently.countTrue(16, () -> {
      try {
        tokens.redeem(issued.insecureToken(), TokenPurpose.PASSWORD_RESET);
        return true;
      } catch (CryptoException e) {
        return false;
      }
    });
    assertThat(winners).isEqualTo(1);
  }

  @Test
  void revokeAll_killsOutstandingTokensOfThatSubjectAndPurposeOnly() throws CryptoException {
    IssuedToken a = tokens.issue("u", TokenPurpose.PASSWORD_RESET);
    IssuedToken b = tokens.issue("u", TokenPurpose.PASSWORD_RESET);
    IssuedToken verify = tokens.issue("u", TokenPurpose.EMAIL_VERIFICATION);
    IssuedToken other = tokens.issue("w", TokenPurpose.PASSWORD_RESET);
    assertThat(tokens.revokeAll("u", TokenPurpose.PASSWORD_RESET)).isEqualTo(2);
    assertThatThrownBy(() -> tokens.redeem(a.insecureToken(), TokenPurpose.PASSWORD_RESET))
        .isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> tokens.redeem(b.insecureToken(), TokenPurpose.PASSWORD_RESET))
        .isInstanceOf(CryptoException.class);
    assertThat(tokens.redeem(verify.insecureToken(), TokenPurpose.EMAIL_VERIFICATION)).isEqualTo("u");
    assertThat(tokens.redeem(other.insecureToken(), TokenPurpose.PASSWORD_RESET)).isEqualTo("w");
  }

  @Test
  void deleteExpired_removesOnlyExpired() {
    tokens.issue("u", TokenPurpose.PASSWORD_RESET);
    tokens.issue("u", TokenPurpose.EMAIL_VERIFICATION);
    clock.advance(Duration.ofHours(2));
    assertThat(store.deleteExpired(clock.instant())).isEqualTo(1);
  }

  @Test
  void tokens_areDistinct_andLifetimesAreBounded() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      assertThat(seen.add(tokens.issue("u", TokenPurpose.EMAIL_VERIFICATION).insecureToken())).isTrue();
    }
    assertThatThrownBy(() -> tokens.issue("u", TokenPurpose.PASSWORD_RESET, Duration.ofDays(8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tokens.issue("u", TokenPurpose.PASSWORD_RESET, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tokens.issue(" ", TokenPurpose.PASSWORD_RESET)).isInstanceOf(IllegalArgumentException.class);
  }
}
