package dev.bulwark.auth.apikey;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.onetime.StoreException;
import dev.bulwark.crypto.tokens.SecureTokens;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryApiKeyStoreTest extends AbstractApiKeyStoreContractTest {
  @Override
  protected ApiKeyStore newStore() {
    return new InMemoryApiKeyStore(1000);
  }

  @Test
  void fullStore_refusesNewKeys() {
    ApiKeys small = ApiKeys.create(new InMemoryApiKeyStore(1), clock, SecureTokens.system());
    small.issue("u", Set.of(), Optional.empty());
    assertThatThrownBy(() -> small.issue("u", Set.of(), Optional.empty())).isInstanceOf(StoreException.class);
  }
}
