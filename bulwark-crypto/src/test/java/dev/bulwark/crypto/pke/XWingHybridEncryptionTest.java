package dev.bulwark.crypto.pke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.kem.KemAlgorithm;
import dev.bulwark.crypto.kem.KemPrivateKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class XWingHybridEncryptionTest {
  private static final KemPrivateKey KEY = KemPrivateKey.generate(KemAlgorithm.X_WING);
  private static final byte[] PLAINTEXT = "meet me at the usual place".getBytes(StandardCharsets.UTF_8);
  private static final byte[] CONTEXT = "invoice 42".getBytes(StandardCharsets.UTF_8);

  private static byte[] encrypt(byte[] plaintext) throws CryptoException {
    return XWingHybridEncryption.encrypter(KEY.publicKey()).encrypt(plaintext, CONTEXT);
  }

  private static byte[] decrypt(byte[] ciphertext) throws CryptoException {
    return XWingHybridEncryption.decrypter(KEY).decrypt(ciphertext, CONTEXT);
  }

  @Test
  void encryptThenDecrypt_roundTrips_andLayoutMatchesTheDocumentedFormat() throws CryptoException {
    byte[] ct = encrypt(PLAINTEXT);
    assertThat(ct).hasSize(PLAINTEXT.length + XWingHybridEncryption.overheadBytes());
    assertThat(ct[0]).isEqualTo((byte) 0x01);
    assertThat(ct[1]).isEqualTo((byte) 0x01);
    assertThat(decrypt(ct)).isEqualTo(PLAINTEXT);
    assertThat(decrypt(encrypt(new byte[0]))).isEmpty();
  }

  @Test
  void sameMessageTwice_givesDifferentCiphertexts() throws CryptoException {
    assertThat(encrypt(PLAINTEXT)).isNotEqualTo(encrypt(PLAINTEXT));
  }

  @Test
  void everyTamperedByteRegion_isRejected() throws CryptoException {
    byte[] ct = encrypt(PLAINTEXT);
    // version, suite, ML-KEM ciphertext, X25519 ciphertext, AES-GCM body, GCM tag
    for (int index : new int[] {0, 1, 2, 1089, 1090, 1121, 1122, ct.length - 1}) {
      byte[] tampered = ct.clone();
      tampered[index] ^= 0x01;
      assertThatThrownBy(() -> decrypt(tampered)).as("byte %d", index).isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void truncatedOrEmpty_isRejected() throws CryptoException {
    byte[] ct = encrypt(PLAINTEXT);
    assertThatThrownBy(() -> decrypt(Arrays.copyOf(ct, ct.length - 1))).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> decrypt(Arrays.copyOf(ct, XWingHybridEncryption.overheadBytes() - 1))).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> decrypt(new byte[0])).isInstanceOf(CryptoException.class);
  }

  @Test
  void wrongKeyOrContext_isRejected() throws CryptoException {
    byte[] ct = encrypt(PLAINTEXT);
    KemPrivateKey other = KemPrivateKey.generate(KemAlgorithm.X_WING);
    assertThatThrownBy(() -> XWingHybridEncryption.decrypter(other).decrypt(ct, CONTEXT)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> XWingHybridEncryption.decrypter(KEY).decrypt(ct, new byte[0])).isInstanceOf(CryptoException.class);
  }

  @Test
  void unknownVersion_isRejectedEvenIfTheRestIsIntact() throws CryptoException {
    byte[] ct = encrypt(PLAINTEXT);
    ct[0] = 0x02;
    assertThatThrownBy(() -> decrypt(ct)).isInstanceOf(CryptoException.class).hasMessageContaining("version");
  }

  @Test
  void mlKemKey_isMisuse() {
    KemPrivateKey mlKem = KemPrivateKey.generate(KemAlgorithm.ML_KEM_768);
    assertThatThrownBy(() -> XWingHybridEncryption.decrypter(mlKem)).isInstanceOf(IllegalArgumentException.class);
  }
}
