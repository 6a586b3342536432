package dev.bulwark.crypto.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.testkit.Python;
import dev.bulwark.testkit.Requirements;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** X25519 shared secrets cross-checked with PyCA {@code cryptography}, both ways. */
class X25519PycaInteropTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final int ROUNDS = 20;

  @Test
  void sharedSecrets_matchPyca_bothWays() throws CryptoException {
    Python python = Requirements.python("cryptography");
    StringBuilder ours = new StringBuilder();
    AgreementPrivateKey[] keys = new AgreementPrivateKey[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      keys[i] = AgreementPrivateKey.generate(KeyAgreementAlgorithm.X25519);
      ours.append(HEX.formatHex(keys[i].publicKey().exportSpki())).append('\n');
    }
    // PyCA makes its own key per line, agrees with our public key, and prints its public key (raw)
    // and the secret it computed; we compute ours from our private key and compare.
    String out =
        python.runText(
            """
            import sys
            from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
            from cryptography.hazmat.primitives.serialization import load_der_public_key, Encoding, PublicFormat
            for line in sys.stdin.read().split():
                peer = load_der_public_key(bytes.fromhex(line))
                k = X25519PrivateKey.generate()
                pub = k.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
                print(pub.hex(), k.exchange(peer).hex())
            """,
            ours.toString());
    String[] lines = out.split("\n");
    assertThat(lines).hasSize(ROUNDS);
    for (int i = 0; i < ROUNDS; i++) {
      String[] f = lines[i].split(" ");
      AgreementPublicKey theirs = AgreementPublicKey.fromRaw(KeyAgreementAlgorithm.X25519, HEX.parseHex(f[0]));
      assertThat(HEX.formatHex(keys[i].agree(theirs))).isEqualTo(f[1]);
    }
  }

  @Test
  void pycaPrivateKeys_importHere_andAgreeWithPycaPublicKeys() throws CryptoException {
    Python python = Requirements.python("cryptography");
    String out =
        python.runText(
            """
            from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
            from cryptography.hazmat.primitives import serialization as s
            for i in range(%d):
                a, b = X25519PrivateKey.generate(), X25519PrivateKey.generate()
                a8 = a.private_bytes(s.Encoding.DER, s.PrivateFormat.PKCS8, s.NoEncryption())
                bspki = b.public_key().public_bytes(s.Encoding.DER, s.PublicFormat.SubjectPublicKeyInfo)
                print(a8.hex(), bspki.hex(), a.exchange(b.public_key()).hex())
            """.formatted(ROUNDS),
            "");
    int checked = 0;
    for (String line : out.split("\n")) {
      String[] f = line.split(" ");
      AgreementPrivateKey a = AgreementPrivateKey.fromPkcs8(KeyAgreementAlgorithm.X25519, HEX.parseHex(f[0]));
      AgreementPublicKey b = AgreementPublicKey.fromSpki(KeyAgreementAlgorithm.X25519, HEX.parseHex(f[1]));
      assertThat(HEX.formatHex(a.agree(b))).isEqualTo(f[2]);
      checked++;
    }
    assertThat(checked).isEqualTo(ROUNDS);
  }
}
