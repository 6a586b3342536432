package dev.bulwark.crypto.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** JWK import/export of key-agreement keys, pinned by RFC 8037 Appendix A.6 and RFC 7748 §6.1. */
class AgreementJwkTest {
  private static final HexFormat HEX = HexFormat.of();
  // RFC 8037 A.6 / RFC 7748 §6.1: Bob's static X25519 key and Alice's, and their shared secret.
  private static final String BOB_JWK =
      "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"kid\":\"Bob\",\"x\":\"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08\"}";
  private static final byte[] BOB_PUBLIC =
      HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  private static final byte[] ALICE_PRIVATE =
      HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  private static final byte[] SHARED =
      HEX.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

  @Test
  void rfc8037Example_importsAsBobsKeyAndAgreesToTheRfc7748Secret() throws CryptoException {
    AgreementPublicKey bob = AgreementPublicKey.fromJwk(KeyAgreementAlgorithm.X25519, BOB_JWK);
    assertThat(bob.exportRaw()).isEqualTo(BOB_PUBLIC);

    AgreementPrivateKey alice = AgreementPrivateKey.fromRaw(KeyAgreementAlgorithm.X25519, ALICE_PRIVATE);
    AgreementPrivateKey aliceAgain =
        AgreementPrivateKey.fromJwk(KeyAgreementAlgorithm.X25519, alice.insecureExportJwk());
    assertThat(aliceAgain.agree(bob)).isEqualTo(SHARED);
  }

  @Test
  void x25519Export_isTheRfc8037Shape() throws CryptoException {
    AgreementPublicKey bob = AgreementPublicKey.fromRaw(KeyAgreementAlgorithm.X25519, BOB_PUBLIC);
    assertThat(bob.exportJwk())
        .isEqualTo(
            "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08\","
                + "\"use\":\"enc\",\"alg\":\"ECDH-ES\"}");
  }

  @Test
  void p256_roundTripsPublicAndPrivateAndStillAgrees() throws CryptoException {
    AgreementPrivateKey mine = AgreementPrivateKey.generate(KeyAgreementAlgorithm.ECDH_P256);
    AgreementPrivateKey peer = AgreementPrivateKey.generate(KeyAgreementAlgorithm.ECDH_P256);
    AgreementPrivateKey mineBack =
        AgreementPrivateKey.fromJwk(KeyAgreementAlgorithm.ECDH_P256, mine.insecureExportJwk());
    AgreementPublicKey peerBack =
        AgreementPublicKey.fromJwk(KeyAgreementAlgorithm.ECDH_P256, peer.publicKey().exportJwk());
    assertThat(mineBack.publicKey()).isEqualTo(mine.publicKey());
    assertThat(mineBack.agree(peerBack)).isEqualTo(peer.agree(mine.publicKey()));
  }

  @Test
  void publicImport_refusesPrivateMembers() throws CryptoException {
    String privateJwk = AgreementPrivateKey.generate(KeyAgreementAlgorithm.X25519).insecureExportJwk();
    assertThatThrownBy(() -> AgreementPublicKey.fromJwk(KeyAgreementAlgorithm.X25519, privateJwk))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("private");
  }

  @Test
  void privateImport_refusesPublicMembersOfAnotherKey() throws CryptoException {
    String mine = AgreementPrivateKey.generate(KeyAgreementAlgorithm.X25519).insecureExportJwk();
    String othersX = AgreementPrivateKey.generate(KeyAgreementAlgorithm.X25519).publicKey().exportJwk();
    String spliced = mine.replaceFirst("\"x\":\"[^\"]+\"", xMember(othersX));
    assertThatThrownBy(() -> AgreementPrivateKey.fromJwk(KeyAgreementAlgorithm.X25519, spliced))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("do not match");
  }

  @Test
  void p256PointOffTheCurve_isRefused() throws CryptoException {
    String jwk = AgreementPrivateKey.generate(KeyAgreementAlgorithm.ECDH_P256).publicKey().exportJwk();
    // y = 1 is not on P-256 for the key's x: the invalid-curve attack starts with such a point.
    String offCurve = jwk.replaceFirst("\"y\":\"[^\"]+\"", "\"y\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE\"");
    assertThatThrownBy(() -> AgreementPublicKey.fromJwk(KeyAgreementAlgorithm.ECDH_P256, offCurve))
        .isInstanceOf(CryptoException.class);
  }

  @Test
  void wrongTypeCurveAlgUseOrLength_isRefused() {
    String[] bad = {
      "{\"kty\":\"EC\",\"crv\":\"X25519\",\"x\":\"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08\"}",
      "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08\"}",
      "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"alg\":\"RSA-OAEP\",\"x\":\"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08\"}",
      "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"use\":\"sig\",\"x\":\"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08\"}",
      "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK0\"}",
      "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08=\"}",
      "{\"kty\":\"OKP\",\"crv\":\"X25519\"}",
      "[]",
      "{",
    };
    for (String jwk : bad) {
      assertThatThrownBy(() -> AgreementPublicKey.fromJwk(KeyAgreementAlgorithm.X25519, jwk))
          .as(jwk)
          .isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void destroyedKey_refusesExport() {
    AgreementPrivateKey key = AgreementPrivateKey.generate(KeyAgreementAlgorithm.X25519);
    key.destroy();
    assertThatThrownBy(key::insecureExportJwk).isInstanceOf(IllegalStateException.class);
  }

  private static String xMember(String jwk) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"x\":\"[^\"]+\"").matcher(jwk);
    assertThat(m.find()).isTrue();
    return m.group();
  }
}
