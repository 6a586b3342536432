package dev.bulwark.crypto.agreement;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.testkit.Wycheproof;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wycheproof X25519 and ECDH P-256 vectors through {@link AgreementPrivateKey#agree}. */
class AgreementWycheproofTest {
  @Test
  void wycheproof_x25519() {
    Wycheproof suite = Wycheproof.load("x25519_test.json");
    for (Wycheproof.Case c : suite.cases()) {
      suite.check(
          c,
          () -> {
            try {
              AgreementPrivateKey mine = AgreementPrivateKey.fromRaw(KeyAgreementAlgorithm.X25519, c.hex("private"));
              byte[] shared = mine.agree(AgreementPublicKey.fromRaw(KeyAgreementAlgorithm.X25519, c.hex("public")));
              return Arrays.equals(shared, c.hex("shared"));
            } catch (CryptoException rejected) {
              return false;
            }
          });
    }
    suite.assertAllPassed(Map.of());
  }

  @Test
  void wycheproof_ecdhP256() {
    Wycheproof suite = Wycheproof.load("ecdh_secp256r1_test.json");
    for (Wycheproof.Case c : suite.cases()) {
      suite.check(
          c,
          () -> {
            try {
              // Wycheproof writes the scalar as a minimal signed integer; our raw form is 32 bytes.
              byte[] scalar = fixed32(new BigInteger(1, c.hex("private")));
              AgreementPrivateKey mine = AgreementPrivateKey.fromRaw(KeyAgreementAlgorithm.ECDH_P256, scalar);
              byte[] shared = mine.agree(AgreementPublicKey.fromSpki(KeyAgreementAlgorithm.ECDH_P256, c.hex("public")));
              return Arrays.equals(shared, c.hex("shared"));
            } catch (CryptoException rejected) {
              return false;
            }
          });
    }
    suite.assertAllPassed(Map.of());
  }

  private static byte[] fixed32(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }
}
