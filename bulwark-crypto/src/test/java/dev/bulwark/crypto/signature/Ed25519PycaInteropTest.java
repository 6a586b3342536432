package dev.bulwark.crypto.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.testkit.Python;
import dev.bulwark.testkit.Requirements;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Ed25519 signatures cross-checked with PyCA {@code cryptography}, both ways. */
class Ed25519PycaInteropTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final int ROUNDS = 20;

  @Test
  void ourSignatures_verifyInPyca() throws CryptoException {
    Python python = Requirements.python("cryptography");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < ROUNDS; i++) {
      SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519);
      byte[] message = ("message " + i).repeat(i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      lines.append(HEX.formatHex(key.verifyingKey().exportSpki())).append(' ')
          .append(HEX.formatHex(message)).append(' ')
          .append(HEX.formatHex(key.signer().sign(message))).append('\n');
    }
    String out =
        python.runText(
            """
            import sys
            from cryptography.hazmat.primitives.serialization import load_der_public_key
            n = 0
            for line in sys.stdin.read().split("\\n"):
                if not line: continue
                spki, msg, sig = line.split(" ")
                load_der_public_key(bytes.fromhex(spki)).verify(bytes.fromhex(sig), bytes.fromhex(msg))
                n += 1
            print(n)
            """,
            lines.toString());
    assertThat(out).isEqualTo(Integer.toString(ROUNDS));
  }

  @Test
  void pycaSignatures_verifyHere_andTamperedOnesDoNot() throws CryptoException {
    Python python = Requirements.python("cryptography");
    String out =
        python.runText(
            """
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
            from cryptography.hazmat.primitives import serialization as s
            for i in range(%d):
                k = Ed25519PrivateKey.generate()
                msg = ("pyca %%d" %% i).encode() * i
                pk = k.public_key().public_bytes(s.Encoding.DER, s.PublicFormat.SubjectPublicKeyInfo)
                sk = k.private_bytes(s.Encoding.DER, s.PrivateFormat.PKCS8, s.NoEncryption())
                print(pk.hex(), msg.hex(), k.sign(msg).hex(), sk.hex())
            """.formatted(ROUNDS),
            "");
    int verified = 0;
    for (String line : out.split("\n")) {
      String[] f = line.split(" ");
      VerifyingKey key = VerifyingKey.fromSpki(SignatureAlgorithm.ED25519, HEX.parseHex(f[0]));
      byte[] message = HEX.parseHex(f[1]);
      byte[] signature = HEX.parseHex(f[2]);
      key.verifier().verify(signature, message);
      // Ed25519 is deterministic: our signature from PyCA's private key must be byte-identical.
      SigningKey imported = SigningKey.fromPkcs8(SignatureAlgorithm.ED25519, HEX.parseHex(f[3]));
      assertThat(imported.signer().sign(message)).isEqualTo(signature);
      signature[0] ^= 1;
      assertThatThrownBy(() -> key.verifier().verify(signature, message)).isInstanceOf(CryptoException.class);
      verified++;
    }
    assertThat(verified).isEqualTo(ROUNDS);
  }
}
