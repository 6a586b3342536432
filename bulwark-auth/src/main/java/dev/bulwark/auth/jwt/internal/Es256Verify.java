package dev.bulwark.auth.jwt.internal;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.signature.PublicKeyVerify;
import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * ES256 verification (RFC 7518 §3.4: ECDSA P-256 / SHA-256 over the fixed 64-byte {@code r||s}) on
 * Bouncy Castle's lightweight API with its special-form P-256 arithmetic. The JDK's SunEC verifies
 * P-256 several times slower on CPUs without AVX-512 (PERF-TARGETS.md: "use Bouncy Castle for ECDSA
 * hot paths, selected explicitly"), and token verification is a hot path. The public key was
 * validated on import by bulwark-crypto; {@link ECDSASigner#verifySignature} rejects {@code r} or
 * {@code s} outside {@code [1, n-1]}. Thread-safe: engines are made per call.
 */
public final class Es256Verify implements PublicKeyVerify {
  private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH(), P256.getSeed());
  private static final int COORDINATE_BYTES = 32;

  private final ECPublicKeyParameters key;

  private Es256Verify(ECPublicKeyParameters key) {
    this.key = key;
  }

  /** A verifier for the 65-byte uncompressed point {@code 04 || x || y} of a validated P-256 key. */
  public static Es256Verify of(byte[] uncompressedPoint) {
    return new Es256Verify(new ECPublicKeyParameters(DOMAIN.getCurve().decodePoint(uncompressedPoint), DOMAIN));
  }

  @Override
  public void verify(byte[] signature, byte[] data) throws CryptoException {
    if (signature.length != 2 * COORDINATE_BYTES) {
      throw new CryptoException("signature did not verify");
    }
    BigInteger r = new BigInteger(1, signature, 0, COORDINATE_BYTES);
    BigInteger s = new BigInteger(1, signature, COORDINATE_BYTES, COORDINATE_BYTES);
    SHA256Digest digest = new SHA256Digest();
    digest.update(data, 0, data.length);
    byte[] hash = new byte[digest.getDigestSize()];
    digest.doFinal(hash, 0);
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, key);
    if (!verifier.verifySignature(hash, r, s)) {
      throw new CryptoException("signature did not verify");
    }
  }
}
