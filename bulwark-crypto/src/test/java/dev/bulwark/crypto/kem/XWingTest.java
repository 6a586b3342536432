package dev.bulwark.crypto.kem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

/** X-Wing against the draft's Appendix C vectors, and its failure paths. */
class XWingTest {
  static final java.util.List<XWingDraftVectors.XWingDraft10AppendixC> VECTORS = XWingDraftVectors.ALL;

  @ParameterizedTest
  @FieldSource("VECTORS")
  void draftVector_keyGenEncapsDecaps_matchExactly(XWingDraftVectors.XWingDraft10AppendixC v) throws CryptoException {
    KemPrivateKey key = KemPrivateKey.fromSeed(KemAlgorithm.X_WING, v.seed());
    assertThat(key.publicKey().exportRaw()).isEqualTo(v.pk());

    KemPublicKey recipient = KemPublicKey.fromRaw(KemAlgorithm.X_WING, v.pk());
    KemEncapsulation e = recipient.encapsulate(new ReplayRandom(v.eseed()));
    assertThat(e.ciphertext()).isEqualTo(v.ct());
    assertThat(e.sharedSecret()).isEqualTo(v.ss());

    assertThat(key.decapsulate(v.ct())).isEqualTo(v.ss());
  }

  @Test
  void tamperedCiphertext_yieldsADifferentSecret_inEitherHalf() throws CryptoException {
    KemPrivateKey key = KemPrivateKey.generate(KemAlgorithm.X_WING);
    KemEncapsulation e = key.publicKey().encapsulate();
    for (int index : new int[] {0, 1087, 1088, 1119}) {
      byte[] ct = e.ciphertext();
      ct[index] ^= 1;
      assertThat(key.decapsulate(ct)).as("flip at %d", index).isNotEqualTo(e.sharedSecret());
    }
  }

  @Test
  void wrongKey_yieldsADifferentSecret() throws CryptoException {
    KemPrivateKey key = KemPrivateKey.generate(KemAlgorithm.X_WING);
    KemPrivateKey other = KemPrivateKey.generate(KemAlgorithm.X_WING);
    KemEncapsulation e = key.publicKey().encapsulate();
    assertThat(other.decapsulate(e.ciphertext())).isNotEqualTo(e.sharedSecret());
  }

  @Test
  void wrongLengths_areRejected() {
    KemPrivateKey key = KemPrivateKey.generate(KemAlgorithm.X_WING);
    assertThatThrownBy(() -> key.decapsulate(new byte[1119])).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> key.decapsulate(new byte[1121])).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> KemPublicKey.fromRaw(KemAlgorithm.X_WING, new byte[1215])).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> KemPrivateKey.fromSeed(KemAlgorithm.X_WING, new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mlKemPartFailingTheModulusCheck_isRejected() {
    byte[] pk = KemPrivateKey.generate(KemAlgorithm.X_WING).publicKey().exportRaw();
    pk[0] = (byte) 0xff;
    pk[1] = (byte) 0x0f; // first coefficient = 4095 >= q
    assertThatThrownBy(() -> KemPublicKey.fromRaw(KemAlgorithm.X_WING, pk)).isInstanceOf(CryptoException.class);
  }

  @Test
  void encodings_roundTrip() throws CryptoException {
    KemPrivateKey key = KemPrivateKey.generate(KemAlgorithm.X_WING);
    assertThat(KemPublicKey.fromSpki(KemAlgorithm.X_WING, key.publicKey().exportSpki())).isEqualTo(key.publicKey());
    KemPrivateKey restored = KemPrivateKey.fromPkcs8(KemAlgorithm.X_WING, key.insecureExportPkcs8());
    assertThat(restored.publicKey()).isEqualTo(key.publicKey());
    assertThat(Arrays.equals(restored.insecureExportSeed(), key.insecureExportSeed())).isTrue();
  }

  @Test
  void destroyedKey_refusesToDecapsulate() throws CryptoException {
    KemPrivateKey key = KemPrivateKey.generate(KemAlgorithm.X_WING);
    byte[] ct = key.publicKey().encapsulate().ciphertext();
    assertThat(key.toString()).doesNotContain(java.util.HexFormat.of().formatHex(key.insecureExportSeed()));
    key.destroy();
    assertThatThrownBy(() -> key.decapsulate(ct)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(key::insecureExportSeed).isInstanceOf(IllegalStateException.class);
  }
}
