package dev.bulwark.crypto.pke;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.testkit.Wycheproof;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wycheproof RSA-OAEP (SHA-256, MGF1-SHA-256) decryption vectors through {@link RsaOaepPrivateKey}. */
class RsaOaepWycheproofTest {
  @Test
  void wycheproof_rsaOaep2048Sha256() {
    run("rsa_oaep_2048_sha256_mgf1sha256_test.json");
  }

  @Test
  void wycheproof_rsaOaep4096Sha256() {
    run("rsa_oaep_4096_sha256_mgf1sha256_test.json");
  }

  private static void run(String file) {
    Wycheproof suite = Wycheproof.load(file);
    for (Wycheproof.Case c : suite.cases()) {
      suite.check(
          c,
          () -> {
            try {
              RsaOaepPrivateKey key = RsaOaepPrivateKey.fromPkcs8(c.groupHex("privateKeyPkcs8"));
              return Arrays.equals(key.decrypt(c.hex("ct"), c.hex("label")), c.hex("msg"));
            } catch (CryptoException rejected) {
              return false;
            }
          });
    }
    suite.assertAllPassed(Map.of());
  }
}
