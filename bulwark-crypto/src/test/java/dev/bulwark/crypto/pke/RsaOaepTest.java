package dev.bulwark.crypto.pke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.signature.RsaModulusSize;
import dev.bulwark.testkit.Python;
import dev.bulwark.testkit.Requirements;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RsaOaepTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final RsaOaepPrivateKey KEY = RsaOaepPrivateKey.generate(RsaModulusSize.BITS_3072);
  private static final byte[] SECRET = "a 32-byte data-encryption key...".getBytes(StandardCharsets.US_ASCII);

  @Test
  void encryptThenDecrypt_roundTrips_withLabel() throws CryptoException {
    byte[] label = {1, 2, 3};
    byte[] ct = KEY.publicKey().encrypt(SECRET, label, new SecureRandom());
    assertThat(ct).hasSize(384);
    assertThat(KEY.decrypt(ct, label)).isEqualTo(SECRET);
    assertThatThrownBy(() -> KEY.decrypt(ct)).isInstanceOf(CryptoException.class);
  }

  @Test
  void tamperedTruncatedOrWrongKey_failWithOneMessage() throws CryptoException {
    byte[] ct = KEY.publicKey().encrypt(SECRET);
    byte[] flipped = ct.clone();
    flipped[100] ^= 1;
    byte[] truncated = java.util.Arrays.copyOf(ct, ct.length - 1);
    RsaOaepPrivateKey other = RsaOaepPrivateKey.generate(RsaModulusSize.BITS_3072);
    for (var attempt : new org.assertj.core.api.ThrowableAssert.ThrowingCallable[] {
      () -> KEY.decrypt(flipped), () -> KEY.decrypt(truncated), () -> other.decrypt(ct)
    }) {
      assertThatThrownBy(attempt).isInstanceOf(CryptoException.class).hasMessage("RSA-OAEP decryption failed");
    }
  }

  @Test
  void oversizedPlaintext_isMisuse() {
    byte[] big = new byte[KEY.publicKey().maxPlaintextBytes() + 1];
    assertThatThrownBy(() -> KEY.publicKey().encrypt(big)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void generates4096_andEncodingsRoundTrip() throws CryptoException {
    RsaOaepPrivateKey big = RsaOaepPrivateKey.generate(RsaModulusSize.BITS_4096);
    assertThat(big.publicKey().modulusBits()).isEqualTo(4096);
    RsaOaepPrivateKey restored = RsaOaepPrivateKey.fromPkcs8(big.insecureExportPkcs8());
    assertThat(RsaOaepPublicKey.fromSpki(big.publicKey().exportSpki())).isEqualTo(big.publicKey());
    assertThat(restored.decrypt(big.publicKey().encrypt(SECRET))).isEqualTo(SECRET);
  }

  @Test
  void destroyedKey_refusesToDecrypt() throws CryptoException {
    RsaOaepPrivateKey key = RsaOaepPrivateKey.generate(RsaModulusSize.BITS_3072);
    byte[] ct = key.publicKey().encrypt(SECRET);
    key.destroy();
    assertThat(key.isDestroyed()).isTrue();
    assertThatThrownBy(() -> key.decrypt(ct)).isInstanceOf(CryptoException.class);
  }

  /** PyCA decrypts ours, we decrypt PyCA's: same key, both directions, with and without a label. */
  @Test
  void ciphertexts_crossCheckWithPyca_bothWays() throws CryptoException {
    Python python = Requirements.python("cryptography");
    byte[] label = "bulwark".getBytes(StandardCharsets.US_ASCII);
    byte[] oursNoLabel = KEY.publicKey().encrypt(SECRET);
    byte[] oursLabel = KEY.publicKey().encrypt(SECRET, label, new SecureRandom());
    String stdin =
        String.join(
            "\n",
            HEX.formatHex(KEY.insecureExportPkcs8()),
            HEX.formatHex(oursNoLabel),
            HEX.formatHex(oursLabel),
            HEX.formatHex(label),
            HEX.formatHex(SECRET));
    String out =
        python.runText(
            """
            import sys
            from cryptography.hazmat.primitives import hashes
            from cryptography.hazmat.primitives.asymmetric import padding
            from cryptography.hazmat.primitives.serialization import load_der_private_key
            sk, c1, c2, label, secret = [bytes.fromhex(x) for x in sys.stdin.read().split()]
            k = load_der_private_key(sk, None)
            def oaep(l):
                return padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=l)
            assert k.decrypt(c1, oaep(None)) == secret
            assert k.decrypt(c2, oaep(label)) == secret
            print(k.public_key().encrypt(secret, oaep(None)).hex(), k.public_key().encrypt(secret, oaep(label)).hex())
            """,
            stdin);
    String[] theirs = out.split(" ");
    assertThat(KEY.decrypt(HEX.parseHex(theirs[0]))).isEqualTo(SECRET);
    assertThat(KEY.decrypt(HEX.parseHex(theirs[1]), label)).isEqualTo(SECRET);
  }
}
