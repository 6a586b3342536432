package dev.bulwark.crypto.kem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.testkit.Wycheproof;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wycheproof ML-KEM-768 vectors through {@link KemPrivateKey} / {@link KemPublicKey}. */
class MlKemWycheproofTest {
  @Test
  void wycheproof_mlKem768_seedAndDecaps() {
    Wycheproof suite = Wycheproof.load("mlkem_768_test.json");
    for (Wycheproof.Case c : suite.cases()) {
      suite.check(
          c,
          () -> {
            KemPrivateKey key;
            try {
              key = KemPrivateKey.fromSeed(KemAlgorithm.ML_KEM_768, c.hex("seed"));
            } catch (IllegalArgumentException wrongSeedLength) {
              return false;
            }
            if (c.test().has("ek") && !Arrays.equals(key.publicKey().exportRaw(), c.hex("ek"))) {
              return false;
            }
            try {
              return Arrays.equals(key.decapsulate(c.hex("c")), c.hex("K"));
            } catch (CryptoException rejected) {
              return false;
            }
          });
    }
    suite.assertAllPassed(Map.of());
  }

  @Test
  void wycheproof_mlKem768_encaps() {
    Wycheproof suite = Wycheproof.load("mlkem_768_encaps_test.json");
    for (Wycheproof.Case c : suite.cases()) {
      suite.check(
          c,
          () -> {
            try {
              KemPublicKey key = KemPublicKey.fromRaw(KemAlgorithm.ML_KEM_768, c.hex("ek"));
              // The vector's m is the encapsulation randomness: our API takes it as the random source.
              KemEncapsulation e = key.encapsulate(new ReplayRandom(c.hex("m")));
              return Arrays.equals(e.ciphertext(), c.hex("c")) && Arrays.equals(e.sharedSecret(), c.hex("K"));
            } catch (CryptoException rejected) {
              return false;
            }
          });
    }
    suite.assertAllPassed(Map.of());
  }

  @Test
  void wycheproof_mlKem768_keygenFromSeed() {
    Wycheproof suite = Wycheproof.load("mlkem_768_keygen_seed_test.json");
    for (Wycheproof.Case c : suite.cases()) {
      suite.check(
          c,
          () -> {
            KemPrivateKey key = KemPrivateKey.fromSeed(KemAlgorithm.ML_KEM_768, c.hex("seed"));
            byte[] pkcs8 = key.insecureExportPkcs8();
            byte[] dk = Arrays.copyOfRange(pkcs8, pkcs8.length - 2400, pkcs8.length);
            assertThat(KemPrivateKey.fromExpandedMlKem768(c.hex("dk")).publicKey()).isEqualTo(key.publicKey());
            return Arrays.equals(key.publicKey().exportRaw(), c.hex("ek")) && Arrays.equals(dk, c.hex("dk"));
          });
    }
    suite.assertAllPassed(Map.of());
  }

  @Test
  void wycheproof_mlKem768_expandedDecaps() {
    Wycheproof suite = Wycheproof.load("mlkem_768_semi_expanded_decaps_test.json");
    for (Wycheproof.Case c : suite.cases()) {
      suite.check(
          c,
          () -> {
            try {
              KemPrivateKey key = KemPrivateKey.fromExpandedMlKem768(c.hex("dk"));
              return Arrays.equals(key.decapsulate(c.hex("c")), c.hex("K"));
            } catch (CryptoException rejected) {
              return false;
            }
          });
    }
    suite.assertAllPassed(Map.of());
  }
}
