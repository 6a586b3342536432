package dev.bulwark.auth.onetime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryOneTimeTokenStoreTest extends AbstractOneTimeTokenStoreContractTest {
  @Override
  protected OneTimeTokenStore newStore(TestClock clock) {
    return new InMemoryOneTimeTokenStore(1000, clock);
  }

  @Test
  void fullStore_dropsExpiredTokens_thenRefuses() {
    InMemoryOneTimeTokenStore small = new InMemoryOneTimeTokenStore(1, clock);
    StoredToken first = new StoredToken(new byte[32], "k", "u", TokenPurpose.PASSWORD_RESET,
        clock.instant().plus(Duration.ofMinutes(1)));
    small.save(first);
    byte[] otherHash = new byte[32];
    otherHash[0] = 1;
    StoredToken second = new StoredToken(otherHash, "k", "u", TokenPurpose.PASSWORD_RESET,
        clock.instant().plus(Duration.ofMinutes(1)));
    assertThatThrownBy(() -> small.save(second)).isInstanceOf(StoreException.class).hasMessageContaining("full");
    clock.advance(Duration.ofMinutes(1));
    small.save(second);
    assertThat(small.consume(otherHash, TokenPurpose.PASSWORD_RESET, clock.instant().minusSeconds(1))).contains(second);
  }
}
