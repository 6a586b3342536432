package dev.bulwark.crypto.fernet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiFernetTest {
  private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
  private final FernetKey oldKey = FernetKey.generate();
  private final FernetKey newKey = FernetKey.generate();

  private static Fernet at(FernetKey key, Instant now) {
    return Fernet.create(key, Clock.fixed(now, ZoneOffset.UTC), new SecureRandom());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void encrypt_usesTheFirstKey_decryptAcceptsAny() throws Exception {
    MultiFernet multi = MultiFernet.of(List.of(at(newKey, T0), at(oldKey, T0)));
    String token = multi.encrypt(utf8("m"));
    assertThat(at(newKey, T0).decrypt(token)).isEqualTo(utf8("m"));
    assertThatThrownBy(() -> at(oldKey, T0).decrypt(token)).isInstanceOf(CryptoException.class);
    assertThat(multi.decrypt(at(oldKey, T0).encrypt(utf8("old")))).isEqualTo(utf8("old"));
  }

  @Test
  void rotate_reencryptsUnderFirstKey_keepingTheOriginalTimestamp() throws Exception {
    String oldToken = at(oldKey, T0).encrypt(utf8("payload"));
    MultiFernet multi = MultiFernet.of(List.of(at(newKey, T0.plusSeconds(5000)), at(oldKey, T0.plusSeconds(5000))));
    String rotated = multi.rotate(oldToken);
    assertThat(rotated).isNotEqualTo(oldToken);
    Fernet newOnly = at(newKey, T0.plusSeconds(5000));
    assertThat(newOnly.decrypt(rotated)).isEqualTo(utf8("payload"));
    assertThat(newOnly.extractTimestamp(rotated)).isEqualTo(T0);
    assertThat(multi.extractTimestamp(oldToken)).isEqualTo(T0);
    // Keeping the timestamp means rotation cannot revive an expired token.
    assertThatThrownBy(() -> newOnly.decrypt(rotated, Duration.ofSeconds(60))).isInstanceOf(CryptoException.class);
  }

  @Test
  void rotate_ofATokenNoKeyKnows_isRejected() {
    String foreign = Fernet.create(FernetKey.generate()).encrypt(utf8("x"));
    MultiFernet multi = MultiFernet.of(List.of(at(newKey, T0), at(oldKey, T0)));
    assertThatThrownBy(() -> multi.rotate(foreign)).isInstanceOf(CryptoException.class).hasMessage("invalid Fernet token");
    assertThatThrownBy(() -> multi.decrypt(foreign)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> multi.extractTimestamp(foreign)).isInstanceOf(CryptoException.class);
  }

  @Test
  void ttl_appliesToTokensUnderAnyKey() throws Exception {
    String oldToken = at(oldKey, T0).encrypt(utf8("x"));
    assertThat(MultiFernet.of(List.of(at(newKey, T0.plusSeconds(30)), at(oldKey, T0.plusSeconds(30)))).decrypt(oldToken, Duration.ofSeconds(30)))
        .isEqualTo(utf8("x"));
    MultiFernet later = MultiFernet.of(List.of(at(newKey, T0.plusSeconds(31)), at(oldKey, T0.plusSeconds(31))));
    assertThatThrownBy(() -> later.decrypt(oldToken, Duration.ofSeconds(30))).isInstanceOf(CryptoException.class).hasMessageContaining("expired");
  }

  @Test
  void emptyKeyList_isMisuse() {
    assertThatThrownBy(() -> MultiFernet.of(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
