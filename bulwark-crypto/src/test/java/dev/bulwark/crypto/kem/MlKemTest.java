package dev.bulwark.crypto.kem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import org.junit.jupiter.api.Test;

class MlKemTest {
  @Test
  void encapsulateThenDecapsulate_agrees_andEncodingsRoundTrip() throws CryptoException {
    KemPrivateKey key = KemPrivateKey.generate(KemAlgorithm.ML_KEM_768);
    KemEncapsulation e = key.publicKey().encapsulate();
    assertThat(e.ciphertext()).hasSize(1088);
    assertThat(key.decapsulate(e.ciphertext())).isEqualTo(e.sharedSecret()).hasSize(32);
    assertThat(KemPublicKey.fromSpki(KemAlgorithm.ML_KEM_768, key.publicKey().exportSpki())).isEqualTo(key.publicKey());
    KemPrivateKey restored = KemPrivateKey.fromPkcs8(KemAlgorithm.ML_KEM_768, key.insecureExportPkcs8());
    assertThat(restored.decapsulate(e.ciphertext())).isEqualTo(e.sharedSecret());
    assertThat(KemPrivateKey.fromSeed(KemAlgorithm.ML_KEM_768, key.insecureExportSeed()).publicKey()).isEqualTo(key.publicKey());
  }

  @Test
  void expandedKeyWithBrokenHash_isRejected() {
    byte[] pkcs8 = KemPrivateKey.generate(KemAlgorithm.ML_KEM_768).insecureExportPkcs8();
    byte[] dk = java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 2400, pkcs8.length);
    dk[1152 + 1184] ^= 1;
    assertThatThrownBy(() -> KemPrivateKey.fromExpandedMlKem768(dk)).isInstanceOf(CryptoException.class);
  }

  @Test
  void keysOfTheOtherAlgorithm_areRejected() {
    byte[] xwingSpki = KemPrivateKey.generate(KemAlgorithm.X_WING).publicKey().exportSpki();
    assertThatThrownBy(() -> KemPublicKey.fromSpki(KemAlgorithm.ML_KEM_768, xwingSpki)).isInstanceOf(CryptoException.class);
    byte[] mlkemPkcs8 = KemPrivateKey.generate(KemAlgorithm.ML_KEM_768).insecureExportPkcs8();
    assertThatThrownBy(() -> KemPrivateKey.fromPkcs8(KemAlgorithm.X_WING, mlkemPkcs8)).isInstanceOf(CryptoException.class);
  }

  @Test
  void wrongCiphertextLength_isRejected() {
    KemPrivateKey key = KemPrivateKey.generate(KemAlgorithm.ML_KEM_768);
    assertThatThrownBy(() -> key.decapsulate(new byte[1087])).isInstanceOf(CryptoException.class);
  }
}
