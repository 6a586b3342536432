package dev.bulwark.auth.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.testing.Concurrently;
import dev.bulwark.auth.testing.TestClock;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.tokens.SecureTokens;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link ApiKeyStore} meets, driven through {@link ApiKeys}. */
abstract class AbstractApiKeyStoreContractTest {
  private static final String REJECTED = "API key not valid";

  protected final TestClock clock = new TestClock();
  protected ApiKeyStore store;
  private ApiKeys apiKeys;

  protected abstract ApiKeyStore newStore() throws Exception;

  @BeforeEach
  void setUpStore() throws Exception {
    store = newStore();
    apiKeys = ApiKeys.create(store, clock, SecureTokens.system());
  }

  @Test
  void issuedKey_verifies_withItsOwnerAndScopes() throws CryptoException {
    IssuedApiKey issued = apiKeys.issue("user-1", Set.of("files:read", "files:write"), Optional.empty());
    assertThat(dev.bulwark.crypto.tokens.ApiKeys.isWellFormed(issued.key().insecureValue())).isTrue();
    VerifiedApiKey verified = apiKeys.verify(issued.key().insecureValue());
    assertThat(verified.owner()).isEqualTo("user-1");
    assertThat(verified.keyId()).isEqualTo(issued.record().keyId()).startsWith("ak_");
    assertThat(verified.scopes()).containsExactlyInAnyOrder("files:read", "files:write");
    assertThat(verified.requireScopes("files:read")).isSameAs(verified);
    assertThatThrownBy(() -> verified.requireScopes("admin")).isInstanceOf(CryptoException.class)
        .hasMessage("API key lacks scope admin");
  }

  @Test
  void storeHoldsOnlyTheDigest_andAHint() {
    IssuedApiKey issued = apiKeys.issue("user-1", Set.of(), Optional.empty());
    ApiKeyRecord stored = store.findByDigest(issued.key().storageDigest()).orElseThrow();
    assertThat(stored.digest()).isEqualTo(issued.key().storageDigest());
    assertThat(stored.hint()).isEqualTo(issued.key().hint());
    assertThat(stored.toString()).doesNotContain(issued.key().insecureValue().substring(8));
  }

  @Test
  void unknownTamperedOrMalformedKeys_areRejectedAlike() {
    IssuedApiKey issued = apiKeys.issue("user-1", Set.of(), Optional.empty());
    String value = issued.key().insecureValue();
    String unknown = dev.bulwark.crypto.tokens.ApiKeys.generate().insecureValue();
    char c = value.charAt(10);
    String tampered = value.substring(0, 10) + (c == 'a' ? 'b' : 'a') + value.substring(11);
    for (String bad : new String[] {unknown, tampered, value.substring(1), value + "x", "", "bwk_", null,
        value.toLowerCase(java.util.Locale.ROOT)}) {
      assertThatThrownBy(() -> apiKeys.verify(bad)).isInstanceOf(CryptoException.class).hasMessage(REJECTED);
    }
  }

  @Test
  void expiredKey_isRejected_atItsExpiry() throws CryptoException {
    IssuedApiKey issued = apiKeys.issue("user-1", Set.of(), Optional.of(Duration.ofDays(30)));
    clock.advance(Duration.ofDays(30).minusSeconds(1));
    apiKeys.verify(issued.key().insecureValue());
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> apiKeys.verify(issued.key().insecureValue())).isInstanceOf(CryptoException.class)
        .hasMessage(REJECTED);
  }

  @Test
  void revokedKey_stopsAtOnce_andRevokingTwiceReportsFalse() throws CryptoException {
    IssuedApiKey issued = apiKeys.issue("user-1", Set.of(), Optional.empty());
    apiKeys.verify(issued.key().insecureValue());
    assertThat(apiKeys.revoke(issued.record().keyId())).isTrue();
    assertThat(apiKeys.revoke(issued.record().keyId())).isFalse();
    assertThat(apiKeys.revoke("ak_unknown")).isFalse();
    assertThatThrownBy(() -> apiKeys.verify(issued.key().insecureValue())).isInstanceOf(CryptoException.class)
        .hasMessage(REJECTED);
    assertThat(apiKeys.list("user-1").getFirst().revokedAt()).contains(clock.instant());
  }

  @Test
  void concurrentRevocations_exactlyOneReportsTheRevocation() throws Exception {
    IssuedApiKey issued = apiKeys.issue("user-1", Set.of(), Optional.empty());
    assertThat(Concurrently.countTrue(8, () -> apiKeys.revoke(issued.record().keyId()))).isEqualTo(1);
  }

  @Test
  void lastUse_isRecorded_toTheMinute() throws CryptoException {
    IssuedApiKey issued = apiKeys.issue("user-1", Set.of(), Optional.empty());
    assertThat(apiKeys.list("user-1").getFirst().lastUsedAt()).isEmpty();
    apiKeys.verify(issued.key().insecureValue());
    var first = clock.instant();
    clock.advance(Duration.ofSeconds(30));
    apiKeys.verify(issued.key().insecureValue());
    assertThat(apiKeys.list("user-1").getFirst().lastUsedAt()).contains(first);
    clock.advance(Duration.ofSeconds(30));
    apiKeys.verify(issued.key().insecureValue());
    assertThat(apiKeys.list("user-1").getFirst().lastUsedAt()).contains(clock.instant());
  }

  @Test
  void list_showsOnlyTheOwnersKeys_oldestFirst() {
    IssuedApiKey a = apiKeys.issue("user-1", Set.of("a"), Optional.empty());
    clock.advance(Duration.ofSeconds(1));
    IssuedApiKey b = apiKeys.issue("user-1", Set.of("b"), Optional.of(Duration.ofDays(1)));
    apiKeys.issue("user-2", Set.of(), Optional.empty());
    List<ApiKeyRecord> listed = apiKeys.list("user-1");
    assertThat(listed).containsExactly(a.record(), b.record());
    assertThat(listed.get(1).expiresAt()).contains(clock.instant().plus(Duration.ofDays(1)));
  }

  @Test
  void badIssueArguments_areMisuse() {
    assertThatThrownBy(() -> apiKeys.issue(" ", Set.of(), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> apiKeys.issue("u", Set.of("has space"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> apiKeys.issue("u", Set.of("quote\""), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> apiKeys.issue("u", Set.of(), Optional.of(Duration.ZERO)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
