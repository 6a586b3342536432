package dev.bulwark.crypto.signature;

import dev.bulwark.crypto.CryptoException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The one place that maps a {@link SignatureAlgorithm} to its implementation, each provider named
 * explicitly: Bouncy Castle's lightweight Ed25519, the JDK's SunEC, SunRsaSign and SUN (ML-DSA).
 * Signing uses a fresh engine per call; verification borrows a key-initialised engine from the key's
 * {@link VerifierPool}. Both keep everything thread-safe.
 */
final class Signers {
  /** RFC 8017 §9.1 with SHA-256, MGF1-SHA-256 and a 32-byte salt (the digest length, RFC 8230). */
  static final PSSParameterSpec PSS_SHA256 =
      new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, PSSParameterSpec.TRAILER_FIELD_BC);

  private Signers() {}

  static void verify(VerifyingKey key, byte[] signature, byte[] data) throws CryptoException {
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(data, "data");
    boolean valid;
    if (key.algorithm() == SignatureAlgorithm.ED25519) {
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, key.ed25519Params());
      verifier.update(data, 0, data.length);
      valid = verifier.verifySignature(signature);
    } else if (key.algorithm() == SignatureAlgorithm.ECDSA_P256_SHA256) {
      // Strict DER first (see EcdsaDer), then the JDK on the unambiguous r||s form.
      var fixed = EcdsaDer.toP1363(signature);
      valid = fixed.isPresent() && jdkVerify(key, fixed.get(), data);
    } else {
      valid = jdkVerify(key, signature, data);
    }
    if (!valid) {
      throw new CryptoException("signature did not verify");
    }
  }

  private static boolean jdkVerify(VerifyingKey key, byte[] signature, byte[] data) {
    VerifierPool pool = key.verifierPool();
    Signature verifier;
    try {
      verifier = pool.take();
    } catch (GeneralSecurityException | RuntimeException e) {
      // The key was checked at import; a provider that now refuses it verifies nothing.
      return false;
    }
    boolean valid;
    try {
      verifier.update(data);
      valid = verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException malformed) {
      // A malformed signature (bad DER, wrong length, out-of-range integer) is an invalid one. The
      // engine is not returned to the pool: its state after an exception is the provider's business.
      return false;
    }
    pool.give(verifier);
    return valid;
  }

  static byte[] signEd25519(Ed25519PrivateKeyParameters key, byte[] data) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(data, 0, data.length);
    return signer.generateSignature();
  }

  static byte[] signJdk(SignatureAlgorithm algorithm, PrivateKey key, byte[] data, SecureRandom random)
      throws CryptoException {
    try {
      Signature signer = engine(algorithm);
      signer.initSign(key, random);
      signer.update(data);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new CryptoException("signing failed", e);
    }
  }

  /**
   * The engine that verifies signatures of {@code algorithm}'s keys: DER ECDSA is verified on the
   * P1363 engine after {@link EcdsaDer} has checked and converted the encoding.
   */
  static SignatureAlgorithm verifyEngineOf(SignatureAlgorithm algorithm) {
    return algorithm == SignatureAlgorithm.ECDSA_P256_SHA256 ? SignatureAlgorithm.ECDSA_P256_SHA256_P1363 : algorithm;
  }

  static Signature engine(SignatureAlgorithm algorithm) throws GeneralSecurityException {
    return switch (algorithm) {
      case ECDSA_P256_SHA256 -> Signature.getInstance("SHA256withECDSA", "SunEC");
      case ECDSA_P256_SHA256_P1363 -> Signature.getInstance("SHA256withECDSAinP1363Format", "SunEC");
      case RSA_PSS_SHA256 -> {
        Signature pss = Signature.getInstance("RSASSA-PSS", "SunRsaSign");
        pss.setParameter(PSS_SHA256);
        yield pss;
      }
      case LEGACY_RSA_PKCS1_SHA256 -> Signature.getInstance("SHA256withRSA", "SunRsaSign");
      case ML_DSA_65 -> Signature.getInstance("ML-DSA-65", "SUN");
      case ED25519 -> throw new IllegalStateException("Ed25519 runs on Bouncy Castle");
    };
  }
}
