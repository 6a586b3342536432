package dev.bulwark.crypto.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SigningKeyTest {
  private static final byte[] MESSAGE = "attack at dawn".getBytes(StandardCharsets.UTF_8);
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 8032 §7.1, TEST 1 (empty message). */
  record Rfc8032Section71Test1(String secretKey, String publicKey, String signature) {}

  private static final Rfc8032Section71Test1 RFC8032_TEST1 =
      new Rfc8032Section71Test1(
          "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
          "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
          "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

  private static SigningKey generate(SignatureAlgorithm algorithm) {
    return SigningKey.generate(algorithm, new SecureRandom());
  }

  @Test
  void ed25519_matchesRfc8032Test1() throws CryptoException {
    SigningKey key = SigningKey.fromRaw(SignatureAlgorithm.ED25519, HEX.parseHex(RFC8032_TEST1.secretKey()));
    assertThat(HEX.formatHex(key.verifyingKey().exportRaw())).isEqualTo(RFC8032_TEST1.publicKey());
    assertThat(HEX.formatHex(key.signer().sign(new byte[0]))).isEqualTo(RFC8032_TEST1.signature());
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = "LEGACY_RSA_PKCS1_SHA256", mode = EnumSource.Mode.EXCLUDE)
  void signThenVerify_accepts_andRejectsTamperingAndWrongKey(SignatureAlgorithm algorithm) throws CryptoException {
    SigningKey key = generate(algorithm);
    byte[] signature = key.signer().sign(MESSAGE);
    key.verifyingKey().verifier().verify(signature, MESSAGE);

    byte[] otherMessage = MESSAGE.clone();
    otherMessage[0] ^= 1;
    assertThatThrownBy(() -> key.verifyingKey().verifier().verify(signature, otherMessage))
        .isInstanceOf(CryptoException.class);
    byte[] flipped = signature.clone();
    flipped[flipped.length / 2] ^= 0x10;
    assertThatThrownBy(() -> key.verifyingKey().verifier().verify(flipped, MESSAGE))
        .isInstanceOf(CryptoException.class);
    byte[] truncated = Arrays.copyOf(signature, signature.length - 1);
    assertThatThrownBy(() -> key.verifyingKey().verifier().verify(truncated, MESSAGE))
        .isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> key.verifyingKey().verifier().verify(new byte[0], MESSAGE))
        .isInstanceOf(CryptoException.class);
    SigningKey other = generate(algorithm);
    assertThatThrownBy(() -> other.verifyingKey().verifier().verify(signature, MESSAGE))
        .isInstanceOf(CryptoException.class);
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"LEGACY_RSA_PKCS1_SHA256", "ML_DSA_65"}, mode = EnumSource.Mode.EXCLUDE)
  void pkcs8AndJwk_roundTrip(SignatureAlgorithm algorithm) throws CryptoException {
    SigningKey key = generate(algorithm);
    SigningKey fromPkcs8 = SigningKey.fromPkcs8(algorithm, key.insecureExportPkcs8());
    SigningKey fromJwk = SigningKey.fromJwk(algorithm, key.insecureExportJwk());
    assertThat(fromPkcs8.verifyingKey()).isEqualTo(key.verifyingKey());
    assertThat(fromJwk.verifyingKey()).isEqualTo(key.verifyingKey());
    key.verifyingKey().verifier().verify(fromJwk.signer().sign(MESSAGE), MESSAGE);
    key.verifyingKey().verifier().verify(fromPkcs8.signer().sign(MESSAGE), MESSAGE);
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = "LEGACY_RSA_PKCS1_SHA256", mode = EnumSource.Mode.EXCLUDE)
  void publicEncodings_roundTrip(SignatureAlgorithm algorithm) throws CryptoException {
    VerifyingKey key = generate(algorithm).verifyingKey();
    assertThat(VerifyingKey.fromSpki(algorithm, key.exportSpki())).isEqualTo(key);
    assertThat(VerifyingKey.fromJwk(algorithm, key.exportJwk())).isEqualTo(key);
    if (!EnumSet.of(SignatureAlgorithm.RSA_PSS_SHA256).contains(algorithm)) {
      assertThat(VerifyingKey.fromRaw(algorithm, key.exportRaw())).isEqualTo(key);
    }
  }

  @Test
  void mlDsa_pkcs8NeedsItsPublicKey_andRejectsAMismatchedOne() throws CryptoException {
    SigningKey key = generate(SignatureAlgorithm.ML_DSA_65);
    byte[] pkcs8 = key.insecureExportPkcs8();
    assertThatThrownBy(() -> SigningKey.fromPkcs8(SignatureAlgorithm.ML_DSA_65, pkcs8))
        .isInstanceOf(IllegalArgumentException.class);
    SigningKey restored = SigningKey.fromPkcs8(SignatureAlgorithm.ML_DSA_65, pkcs8, key.verifyingKey());
    key.verifyingKey().verifier().verify(restored.signer().sign(MESSAGE), MESSAGE);
    VerifyingKey stranger = generate(SignatureAlgorithm.ML_DSA_65).verifyingKey();
    assertThatThrownBy(() -> SigningKey.fromPkcs8(SignatureAlgorithm.ML_DSA_65, pkcs8, stranger))
        .isInstanceOf(CryptoException.class);
  }

  @Test
  void mlDsaSeed_isDeterministic() throws CryptoException {
    byte[] seed = new byte[32];
    seed[0] = 7;
    SigningKey a = SigningKey.fromMlDsaSeed(seed);
    SigningKey b = SigningKey.fromMlDsaSeed(seed);
    assertThat(a.verifyingKey()).isEqualTo(b.verifyingKey());
    assertThatThrownBy(() -> SigningKey.fromMlDsaSeed(new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keyOfOneAlgorithm_isRejectedAsAnother() throws CryptoException {
    byte[] ed = generate(SignatureAlgorithm.ED25519).verifyingKey().exportSpki();
    byte[] ec = generate(SignatureAlgorithm.ECDSA_P256_SHA256).verifyingKey().exportSpki();
    assertThatThrownBy(() -> VerifyingKey.fromSpki(SignatureAlgorithm.ECDSA_P256_SHA256, ed)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> VerifyingKey.fromSpki(SignatureAlgorithm.ED25519, ec)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> VerifyingKey.fromSpki(SignatureAlgorithm.RSA_PSS_SHA256, ec)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> VerifyingKey.fromSpki(SignatureAlgorithm.ML_DSA_65, ec)).isInstanceOf(CryptoException.class);
    String edJwk = generate(SignatureAlgorithm.ED25519).verifyingKey().exportJwk();
    assertThatThrownBy(() -> VerifyingKey.fromJwk(SignatureAlgorithm.ECDSA_P256_SHA256, edJwk)).isInstanceOf(CryptoException.class);
  }

  @Test
  void offCurvePoint_isRejected() {
    byte[] raw = new byte[65];
    raw[0] = 4;
    raw[32] = 1; // (1, 1) is not on P-256
    raw[64] = 1;
    assertThatThrownBy(() -> VerifyingKey.fromRaw(SignatureAlgorithm.ECDSA_P256_SHA256, raw)).isInstanceOf(CryptoException.class);
  }

  @Test
  void publicJwk_refusesPrivateMembers() {
    String privateJwk = generate(SignatureAlgorithm.ED25519).insecureExportJwk();
    assertThatThrownBy(() -> VerifyingKey.fromJwk(SignatureAlgorithm.ED25519, privateJwk)).isInstanceOf(CryptoException.class);
  }

  @Test
  void privateJwk_withForeignPublicPart_isRejected() throws CryptoException {
    String a = generate(SignatureAlgorithm.ECDSA_P256_SHA256).insecureExportJwk();
    String b = generate(SignatureAlgorithm.ECDSA_P256_SHA256).verifyingKey().exportJwk();
    String mixed = a.replaceFirst("\"x\":\"[^\"]*\",\"y\":\"[^\"]*\"", b.replaceFirst(".*(\"x\":\"[^\"]*\",\"y\":\"[^\"]*\").*", "$1"));
    assertThat(mixed).isNotEqualTo(a);
    assertThatThrownBy(() -> SigningKey.fromJwk(SignatureAlgorithm.ECDSA_P256_SHA256, mixed)).isInstanceOf(CryptoException.class);
  }

  @Test
  void rsaPss_generates3072And4096() throws CryptoException {
    SigningKey big = SigningKey.generateRsaPss(RsaModulusSize.BITS_4096, new SecureRandom());
    assertThat(big.verifyingKey().rsaKey().getModulus().bitLength()).isEqualTo(4096);
    assertThat(generate(SignatureAlgorithm.RSA_PSS_SHA256).verifyingKey().rsaKey().getModulus().bitLength()).isEqualTo(3072);
    big.verifyingKey().verifier().verify(big.signer().sign(MESSAGE), MESSAGE);
  }

  @Test
  void legacyPkcs1_cannotSign() {
    assertThatThrownBy(() -> SigningKey.generate(SignatureAlgorithm.LEGACY_RSA_PKCS1_SHA256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void destroyedKey_refusesToSignOrExport() {
    SigningKey key = generate(SignatureAlgorithm.ED25519);
    PublicKeySign signer = key.signer();
    key.destroy();
    assertThat(key.isDestroyed()).isTrue();
    assertThatThrownBy(() -> signer.sign(MESSAGE)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(key::insecureExportPkcs8).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void toString_holdsNoKeyMaterial() {
    SigningKey key = generate(SignatureAlgorithm.ED25519);
    String hex = HEX.formatHex(key.insecureExportRaw());
    assertThat(key.toString()).doesNotContain(hex).contains("ED25519");
  }

  @Test
  void p1363AndDer_areDistinctAlgorithms() throws CryptoException {
    SigningKey key = generate(SignatureAlgorithm.ECDSA_P256_SHA256_P1363);
    byte[] signature = key.signer().sign(MESSAGE);
    assertThat(signature).hasSize(64);
    VerifyingKey asDer = VerifyingKey.fromSpki(SignatureAlgorithm.ECDSA_P256_SHA256, key.verifyingKey().exportSpki());
    assertThatThrownBy(() -> asDer.verifier().verify(signature, MESSAGE)).isInstanceOf(CryptoException.class);
  }
}
