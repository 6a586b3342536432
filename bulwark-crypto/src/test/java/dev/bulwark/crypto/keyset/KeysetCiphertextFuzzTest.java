package dev.bulwark.crypto.keyset;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.crypto.CryptoException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link KeysetAead#decrypt} with arbitrary bytes, optionally behind a header naming one of
 * the keyset's keys (enabled, disabled or destroyed) so the fuzzer reaches the cipher. The only
 * documented failure is {@link CryptoException}; a forged ciphertext must never decrypt.
 */
class KeysetCiphertextFuzzTest {
  private static final Keyset KEYSET = build();
  private static final byte[] AD = "fuzz".getBytes(StandardCharsets.US_ASCII);

  private static Keyset build() {
    Keyset keyset = Keyset.generate(KeysetPreset.AES256_GCM);
    int first = keyset.primaryKeyId();
    keyset = keyset.rotate(KeysetPreset.CHACHA20_POLY1305);
    int second = keyset.primaryKeyId();
    return keyset.rotate(KeysetPreset.XCHACHA20_POLY1305).disable(second).destroy(first);
  }

  @FuzzTest
  void decrypt_arbitraryBytes_throwsOnlyCryptoException(FuzzedDataProvider data) {
    int choice = data.consumeInt(0, KEYSET.keys().size());
    byte[] body = data.consumeRemainingAsBytes();
    byte[] input = body;
    if (choice < KEYSET.keys().size()) {
      int id = KEYSET.keys().get(choice).keyId();
      input = new byte[5 + body.length];
      input[0] = KeysetAead.VERSION;
      input[1] = (byte) (id >>> 24);
      input[2] = (byte) (id >>> 16);
      input[3] = (byte) (id >>> 8);
      input[4] = (byte) id;
      System.arraycopy(body, 0, input, 5, body.length);
    }
    try {
      byte[] plaintext = KEYSET.aead().decrypt(input, AD);
      throw new AssertionError("a forged ciphertext decrypted to " + plaintext.length + " bytes");
    } catch (CryptoException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
