package dev.bulwark.crypto.signature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.testkit.Wycheproof;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof signature vectors, every case through {@link VerifyingKey} / {@link SigningKey} (not the
 * raw JCA). Verification maps "returns" to accepted and {@link CryptoException} to rejected.
 */
class SignatureWycheproofTest {
  private static final HexFormat HEX = HexFormat.of();
  /** The JDK's PKCS#8 wrapping of an expanded ML-DSA-65 private key (4032 bytes). */
  private static final byte[] ML_DSA_65_EXPANDED_PKCS8_PREFIX =
      HEX.parseHex("30820fd8020100300b060960864801650304031204820fc404820fc0");

  @Test
  void wycheproof_ed25519() {
    verifyAll("ed25519_test.json", SignatureAlgorithm.ED25519);
  }

  @Test
  void wycheproof_ecdsaP256Sha256Der() {
    verifyAll("ecdsa_secp256r1_sha256_test.json", SignatureAlgorithm.ECDSA_P256_SHA256);
  }

  @Test
  void wycheproof_rsaPss2048() {
    verifyAll("rsa_pss_2048_sha256_mgf1_32_test.json", SignatureAlgorithm.RSA_PSS_SHA256);
  }

  @Test
  void wycheproof_rsaPss4096() {
    verifyAll("rsa_pss_4096_sha256_mgf1_32_test.json", SignatureAlgorithm.RSA_PSS_SHA256);
  }

  @Test
  void wycheproof_rsaPkcs1Sha256_2048() {
    verifyAll("rsa_signature_2048_sha256_test.json", SignatureAlgorithm.LEGACY_RSA_PKCS1_SHA256);
  }

  @Test
  void wycheproof_rsaPkcs1Sha256_4096() {
    verifyAll("rsa_signature_4096_sha256_test.json", SignatureAlgorithm.LEGACY_RSA_PKCS1_SHA256);
  }

  @Test
  void wycheproof_mlDsa65Verify() {
    Wycheproof suite = Wycheproof.load("mldsa_65_verify_test.json");
    for (Wycheproof.Case c : suite.cases()) {
      if (c.hex("ctx").length > 0) {
        suite.skip(c, "non-empty ML-DSA context string: the JDK 25 ML-DSA API signs with the empty context only");
        continue;
      }
      suite.check(
          c,
          () -> {
            try {
              VerifyingKey key = VerifyingKey.fromRaw(SignatureAlgorithm.ML_DSA_65, c.groupHex("publicKey"));
              key.verifier().verify(c.hex("sig"), c.hex("msg"));
              return true;
            } catch (CryptoException rejected) {
              return false;
            }
          });
    }
    suite.assertAllPassed(Map.of());
  }

  @Test
  void wycheproof_mlDsa65SignFromSeed() {
    Wycheproof suite = Wycheproof.load("mldsa_65_sign_seed_test.json");
    for (Wycheproof.Case c : suite.cases()) {
      if (skippedSign(suite, c)) {
        continue;
      }
      suite.check(
          c,
          () -> {
            SigningKey key;
            try {
              key = SigningKey.fromMlDsaSeed(c.groupHex("privateSeed"));
            } catch (IllegalArgumentException wrongSeedLength) {
              return false;
            }
            assertThat(key.verifyingKey().exportRaw()).isEqualTo(c.groupHex("publicKey"));
            return signsExactly(key, c);
          });
    }
    suite.assertAllPassed(Map.of());
  }

  @Test
  void wycheproof_mlDsa65SignFromExpandedKey() {
    Wycheproof suite = Wycheproof.load("mldsa_65_sign_noseed_test.json");
    for (Wycheproof.Case c : suite.cases()) {
      if (skippedSign(suite, c)) {
        continue;
      }
      suite.check(
          c,
          () -> {
            SigningKey key;
            try {
              VerifyingKey pub = VerifyingKey.fromRaw(SignatureAlgorithm.ML_DSA_65, c.groupHex("publicKey"));
              byte[] expanded = c.groupHex("privateKey");
              byte[] pkcs8 = Arrays.copyOf(ML_DSA_65_EXPANDED_PKCS8_PREFIX, ML_DSA_65_EXPANDED_PKCS8_PREFIX.length + expanded.length);
              System.arraycopy(expanded, 0, pkcs8, ML_DSA_65_EXPANDED_PKCS8_PREFIX.length, expanded.length);
              key = SigningKey.fromPkcs8(SignatureAlgorithm.ML_DSA_65, pkcs8, pub);
            } catch (CryptoException rejected) {
              return false;
            }
            return signsExactly(key, c);
          });
    }
    suite.assertAllPassed(Map.of());
  }

  private static boolean skippedSign(Wycheproof suite, Wycheproof.Case c) {
    if (!c.test().has("msg")) {
      suite.skip(c, "external-mu (Internal) signing: the JDK API signs messages, not a precomputed mu");
      return true;
    }
    if (c.hex("ctx").length > 0) {
      suite.skip(c, "non-empty ML-DSA context string: the JDK 25 ML-DSA API signs with the empty context only");
      return true;
    }
    return false;
  }

  /** Signs with {@code rnd} as the only randomness (all zero = deterministic) and compares bytes. */
  private static boolean signsExactly(SigningKey key, Wycheproof.Case c) throws CryptoException {
    byte[] rnd = c.test().has("rnd") ? c.hex("rnd") : new byte[32];
    byte[] signature = key.signer(new FixedRandom(rnd)).sign(c.hex("msg"));
    key.verifyingKey().verifier().verify(signature, c.hex("msg"));
    return Arrays.equals(signature, c.hex("sig"));
  }

  private static void verifyAll(String file, SignatureAlgorithm algorithm) {
    Wycheproof suite = Wycheproof.load(file);
    for (Wycheproof.Case c : suite.cases()) {
      suite.check(
          c,
          () -> {
            try {
              VerifyingKey key = VerifyingKey.fromSpki(algorithm, c.groupHex("publicKeyDer"));
              key.verifier().verify(c.hex("sig"), c.hex("msg"));
              return true;
            } catch (CryptoException rejected) {
              return false;
            }
          });
    }
    suite.assertAllPassed(Map.of());
  }

  /** Test randomness that repeats a fixed 32-byte block (FIPS 204 {@code rnd}). */
  static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] block;

    FixedRandom(byte[] block) {
      super(new byte[0]);
      this.block = block.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
      for (int i = 0; i < out.length; i++) {
        out[i] = block[i % block.length];
      }
    }
  }
}
