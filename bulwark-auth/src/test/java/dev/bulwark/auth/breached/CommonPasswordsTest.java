package dev.bulwark.auth.breached;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommonPasswordsTest {
  @Test
  void zxcvbnLists_areLoadedFromTheDependency() {
    assertThat(CommonPasswords.passwordsOnly().size()).isBetween(29_000, 30_000);
    assertThat(CommonPasswords.withDictionaryWords().size()).isGreaterThan(80_000);
  }

  @Test
  void commonPasswords_areFound_caseInsensitively() {
    for (String p : new String[] {"password", "123456", "qwerty", "PassWord", "ILOVEYOU", "trustno1"}) {
      assertThat(CommonPasswords.passwordsOnly().screen(p)).as(p).isEqualTo(ScreenVerdict.FOUND);
    }
    assertThat(CommonPasswords.passwordsOnly().screen("mountain-ledger-cobalt")).isEqualTo(ScreenVerdict.NOT_FOUND);
  }

  @Test
  void dictionaryWords_areOnlyInTheWiderList() {
    assertThat(CommonPasswords.withDictionaryWords().screen("internationalization")).isEqualTo(ScreenVerdict.FOUND);
    assertThat(CommonPasswords.passwordsOnly().screen("internationalization")).isEqualTo(ScreenVerdict.NOT_FOUND);
  }
}
