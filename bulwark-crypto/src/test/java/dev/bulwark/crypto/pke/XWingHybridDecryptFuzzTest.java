package dev.bulwark.crypto.pke;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.kem.KemAlgorithm;
import dev.bulwark.crypto.kem.KemPrivateKey;

/**
 * Fuzzes hybrid decryption with arbitrary ciphertexts and contexts: the only documented failure is
 * {@link CryptoException}; anything else, or a forged ciphertext that decrypts, fails the run.
 */
class XWingHybridDecryptFuzzTest {
  private static final HybridDecrypt DECRYPTER =
      XWingHybridEncryption.decrypter(KemPrivateKey.fromSeed(KemAlgorithm.X_WING, new byte[32]));

  @FuzzTest
  void decrypt_throwsOnlyCryptoException(FuzzedDataProvider data) {
    byte[] context = data.consumeBytes(data.consumeInt(0, 16));
    byte[] ciphertext = data.consumeRemainingAsBytes();
    try {
      DECRYPTER.decrypt(ciphertext, context);
      throw new AssertionError("fuzzer forged a hybrid ciphertext");
    } catch (CryptoException expected) {
      // the documented rejection
    }
  }
}
