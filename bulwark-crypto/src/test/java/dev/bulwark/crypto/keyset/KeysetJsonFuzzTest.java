package dev.bulwark.crypto.keyset;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;

/**
 * Fuzzes {@link Keyset#open} with a fixed key-encryption key: either arbitrary text as the sealed
 * document, or arbitrary text sealed as the inner document (so the fuzzer reaches the keyset
 * validation behind the authentication). Only {@link CryptoException} may escape, and whatever loads
 * must be a valid keyset that seals and loads again to the same keys.
 */
class KeysetJsonFuzzTest {
  private static final AeadKey KEK = AeadKey.insecureFromBytes(AeadAlgorithm.AES256_GCM, new byte[32]);

  @FuzzTest
  void open_arbitraryText_throwsOnlyCryptoException(FuzzedDataProvider data) throws CryptoException {
    boolean sealInner = data.consumeBoolean();
    String text = data.consumeRemainingAsString();
    String document = sealInner ? SealedKeysetFormat.sealDocument(text, KEK) : text;
    Keyset loaded;
    try {
      loaded = Keyset.open(document, KEK);
    } catch (CryptoException expected) {
      return;
    }
    assertThat(loaded.keys()).isNotEmpty().hasSizeLessThanOrEqualTo(Keyset.MAX_KEYS);
    assertThat(Keyset.open(loaded.seal(KEK), KEK).keys()).isEqualTo(loaded.keys());
  }
}
