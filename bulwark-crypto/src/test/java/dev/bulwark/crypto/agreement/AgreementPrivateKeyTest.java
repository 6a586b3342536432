package dev.bulwark.crypto.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AgreementPrivateKeyTest {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 7748 §6.1: Alice's and Bob's X25519 keys and their shared secret. */
  record Rfc7748Section61(String alicePrivate, String alicePublic, String bobPrivate, String bobPublic, String shared) {}

  private static final Rfc7748Section61 RFC7748 =
      new Rfc7748Section61(
          "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
          "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
          "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
          "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
          "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

  @Test
  void x25519_matchesRfc7748Section61() throws CryptoException {
    AgreementPrivateKey alice = AgreementPrivateKey.fromRaw(KeyAgreementAlgorithm.X25519, HEX.parseHex(RFC7748.alicePrivate()));
    AgreementPrivateKey bob = AgreementPrivateKey.fromRaw(KeyAgreementAlgorithm.X25519, HEX.parseHex(RFC7748.bobPrivate()));
    assertThat(HEX.formatHex(alice.publicKey().exportRaw())).isEqualTo(RFC7748.alicePublic());
    assertThat(HEX.formatHex(bob.publicKey().exportRaw())).isEqualTo(RFC7748.bobPublic());
    assertThat(HEX.formatHex(alice.agree(bob.publicKey()))).isEqualTo(RFC7748.shared());
    assertThat(HEX.formatHex(bob.agree(alice.publicKey()))).isEqualTo(RFC7748.shared());
  }

  @ParameterizedTest
  @EnumSource(KeyAgreementAlgorithm.class)
  void bothSides_agree_andEncodingsRoundTrip(KeyAgreementAlgorithm algorithm) throws CryptoException {
    AgreementPrivateKey a = AgreementPrivateKey.generate(algorithm);
    AgreementPrivateKey b = AgreementPrivateKey.generate(algorithm);
    assertThat(a.agree(b.publicKey())).isEqualTo(b.agree(a.publicKey())).hasSize(32);
    assertThat(AgreementPublicKey.fromSpki(algorithm, a.publicKey().exportSpki())).isEqualTo(a.publicKey());
    assertThat(AgreementPublicKey.fromRaw(algorithm, a.publicKey().exportRaw())).isEqualTo(a.publicKey());
    assertThat(AgreementPrivateKey.fromPkcs8(algorithm, a.insecureExportPkcs8()).publicKey()).isEqualTo(a.publicKey());
    assertThat(AgreementPrivateKey.fromRaw(algorithm, a.insecureExportRaw()).agree(b.publicKey()))
        .isEqualTo(a.agree(b.publicKey()));
  }

  @Test
  void x25519_smallOrderPeer_isRejected() throws CryptoException {
    AgreementPrivateKey mine = AgreementPrivateKey.generate(KeyAgreementAlgorithm.X25519);
    AgreementPublicKey zero = AgreementPublicKey.fromRaw(KeyAgreementAlgorithm.X25519, new byte[32]);
    assertThatThrownBy(() -> mine.agree(zero)).isInstanceOf(CryptoException.class);
  }

  @Test
  void p256_offCurvePoint_isRejectedOnImport() {
    byte[] raw = new byte[65];
    raw[0] = 4;
    raw[32] = 3;
    raw[64] = 5;
    assertThatThrownBy(() -> AgreementPublicKey.fromRaw(KeyAgreementAlgorithm.ECDH_P256, raw)).isInstanceOf(CryptoException.class);
  }

  @Test
  void mixedAlgorithms_areMisuse() {
    AgreementPrivateKey x = AgreementPrivateKey.generate(KeyAgreementAlgorithm.X25519);
    AgreementPrivateKey p = AgreementPrivateKey.generate(KeyAgreementAlgorithm.ECDH_P256);
    assertThatThrownBy(() -> x.agree(p.publicKey())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void destroyedKey_refusesToAgree() {
    AgreementPrivateKey a = AgreementPrivateKey.generate(KeyAgreementAlgorithm.X25519);
    AgreementPublicKey peer = AgreementPrivateKey.generate(KeyAgreementAlgorithm.X25519).publicKey();
    String hex = HEX.formatHex(a.insecureExportRaw());
    assertThat(a.toString()).doesNotContain(hex);
    a.destroy();
    assertThatThrownBy(() -> a.agree(peer)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(a::insecureExportRaw).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void wrongLengths_areRejected() {
    assertThatThrownBy(() -> AgreementPublicKey.fromRaw(KeyAgreementAlgorithm.X25519, new byte[31])).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> AgreementPrivateKey.fromRaw(KeyAgreementAlgorithm.ECDH_P256, new byte[33])).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> AgreementPrivateKey.fromRaw(KeyAgreementAlgorithm.ECDH_P256, new byte[32])).isInstanceOf(CryptoException.class);
  }
}
