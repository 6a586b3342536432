package dev.bulwark.auth.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.testing.TestClock;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HashiCorp Vault CVE-2025-6004: the userpass lockout counted failures per name as typed, so
 * {@code Admin}, {@code admin } and {@code ADMIN} each had a fresh budget. Here every variant is one
 * account.
 */
class VaultCve20256004AccountNameVariantsTest {
  @Test
  void caseWhitespaceAndCompatibilityVariants_areOneAccount() {
    List<String> variants = List.of("alice", "Alice", "ALICE", " alice", "alice\t", "\u3000alice\u00a0",
        "ａｌｉｃｅ", "ALİCE".replace("İ", "I"));
    for (String variant : variants) {
      assertThat(AccountNames.canonical(variant)).as(variant).isEqualTo("alice");
    }
    assertThat(AccountNames.canonical("Straße")).isEqualTo(AccountNames.canonical("STRASSE"));
    assertThat(AccountNames.canonical("\u212Aevin")).isEqualTo("kevin"); // KELVIN SIGN
    assertThat(AccountNames.canonical("ﬁona")).isEqualTo("fiona");
    assertThat(AccountNames.canonical("alice")).isNotEqualTo(AccountNames.canonical("alicf"));
  }

  @Test
  void failuresUnderVariants_shareOneCounter() {
    TestClock clock = new TestClock();
    LoginThrottle throttle = LoginThrottle.create(ThrottlePolicy.DEFAULT, clock, 1000);
    InetAddress attacker = InetAddress.ofLiteral("203.0.113.66");
    List<String> variants = List.of("Admin", "admin ", "ADMIN", " aDmIn", "ａｄｍｉｎ");
    for (String variant : variants) {
      assertThat(throttle.tryAttempt(variant, attacker)).isInstanceOf(LoginAttempt.Permitted.class);
    }
    // The sixth failure under yet another spelling is delayed like any sixth failure.
    assertThat(throttle.tryAttempt("ADMIN\u2003", attacker)).isInstanceOf(LoginAttempt.Delayed.class);
  }

  @Test
  void blankOrOversizedNames_areMisuse() {
    assertThatThrownBy(() -> AccountNames.canonical(" \u3000 ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccountNames.canonical("a".repeat(AccountNames.MAX_CHARS + 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
