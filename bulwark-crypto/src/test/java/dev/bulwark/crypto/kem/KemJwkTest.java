package dev.bulwark.crypto.kem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** JWK ({@code AKP}, JOSE post-quantum drafts) for ML-KEM-768; X-Wing has none. */
class KemJwkTest {

  @Test
  void mlKem768_roundTripsAndDecapsulatesWhatTheOriginalPublicKeyEncapsulated() throws CryptoException {
    KemPrivateKey key = KemPrivateKey.generate(KemAlgorithm.ML_KEM_768);
    KemPublicKey publicBack = KemPublicKey.fromJwk(KemAlgorithm.ML_KEM_768, key.publicKey().exportJwk());
    KemPrivateKey privateBack = KemPrivateKey.fromJwk(KemAlgorithm.ML_KEM_768, key.insecureExportJwk());
    assertThat(publicBack).isEqualTo(key.publicKey());

    KemEncapsulation sent = publicBack.encapsulate();
    assertThat(privateBack.decapsulate(sent.ciphertext())).isEqualTo(sent.sharedSecret());
  }

  @Test
  void export_isTheAkpShapeWithTheSeedAsPriv() {
    byte[] seed = HexFormat.of().parseHex("00".repeat(32) + "11".repeat(32));
    KemPrivateKey key = KemPrivateKey.fromSeed(KemAlgorithm.ML_KEM_768, seed);
    String jwk = key.insecureExportJwk();
    assertThat(jwk).startsWith("{\"kty\":\"AKP\",\"alg\":\"ML-KEM-768\",\"pub\":\"");
    assertThat(jwk).endsWith(",\"priv\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(seed) + "\"}");
    assertThat(key.publicKey().exportJwk()).doesNotContain("priv");
  }

  @Test
  void privateJwk_withAnotherKeysPub_isRefused() throws CryptoException {
    String mine = KemPrivateKey.generate(KemAlgorithm.ML_KEM_768).insecureExportJwk();
    String other = KemPrivateKey.generate(KemAlgorithm.ML_KEM_768).publicKey().exportJwk();
    String otherPub = other.substring(other.indexOf("\"pub\""), other.length() - 1);
    String spliced = mine.replaceFirst("\"pub\":\"[^\"]+\"", otherPub);
    assertThatThrownBy(() -> KemPrivateKey.fromJwk(KemAlgorithm.ML_KEM_768, spliced))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void publicImport_refusesPrivMembersWrongAlgAndShortKeys() throws CryptoException {
    String privateJwk = KemPrivateKey.generate(KemAlgorithm.ML_KEM_768).insecureExportJwk();
    assertThatThrownBy(() -> KemPublicKey.fromJwk(KemAlgorithm.ML_KEM_768, privateJwk))
        .isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> KemPublicKey.fromJwk(KemAlgorithm.ML_KEM_768, "{\"kty\":\"AKP\",\"alg\":\"ML-KEM-512\",\"pub\":\"AAAA\"}"))
        .isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> KemPublicKey.fromJwk(KemAlgorithm.ML_KEM_768, "{\"kty\":\"AKP\",\"alg\":\"ML-KEM-768\",\"pub\":\"AAAA\"}"))
        .isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> KemPublicKey.fromJwk(KemAlgorithm.ML_KEM_768, "{\"kty\":\"OKP\",\"alg\":\"ML-KEM-768\",\"pub\":\"AAAA\"}"))
        .isInstanceOf(CryptoException.class);
  }

  @Test
  void xWing_hasNoJwkForm() {
    KemPrivateKey key = KemPrivateKey.generate(KemAlgorithm.X_WING);
    assertThatThrownBy(key::insecureExportJwk).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> key.publicKey().exportJwk()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KemPublicKey.fromJwk(KemAlgorithm.X_WING, "{}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
