package dev.bulwark.crypto.internal.asym;

import dev.bulwark.crypto.CryptoException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;

/**
 * The NIST P-256 (secp256r1) domain parameters and the checks every imported P-256 key goes
 * through: the key's domain must be exactly P-256 (not a look-alike curve with a different {@code b}),
 * and a public point must lie on the curve and not be the point at infinity (invalid-curve attacks,
 * CVE-2015-7940 and kin). Thread-safe: immutable.
 */
public final class P256 {
  /** The curve's standard name for the JDK's {@code ECGenParameterSpec}. */
  public static final String CURVE_NAME = "secp256r1";

  private static final ECParameterSpec PARAMS = loadParams();

  private P256() {}

  /** The domain parameters, from the JDK's SunEC provider. */
  public static ECParameterSpec params() {
    return PARAMS;
  }

  /** The field prime p. */
  public static BigInteger p() {
    return ((java.security.spec.ECFieldFp) PARAMS.getCurve().getField()).getP();
  }

  /**
   * Rejects a key whose domain is not P-256.
   *
   * @throws CryptoException if the domain differs in any parameter
   */
  public static void checkDomain(ECKey key) throws CryptoException {
    ECParameterSpec spec = key.getParams();
    EllipticCurve c = spec.getCurve();
    EllipticCurve ref = PARAMS.getCurve();
    if (!c.getField().equals(ref.getField())
        || !c.getA().equals(ref.getA())
        || !c.getB().equals(ref.getB())
        || !spec.getGenerator().equals(PARAMS.getGenerator())
        || !spec.getOrder().equals(PARAMS.getOrder())
        || spec.getCofactor() != PARAMS.getCofactor()) {
      throw new CryptoException("key is not on the P-256 curve");
    }
  }

  /**
   * Rejects a public key that is not a valid P-256 point: wrong domain, coordinates outside
   * {@code [0, p)}, the point at infinity, or a point not on the curve.
   *
   * @throws CryptoException if the point is invalid
   */
  public static void checkPublic(ECPublicKey key) throws CryptoException {
    checkDomain(key);
    checkPoint(key.getW());
  }

  /**
   * Rejects a point that is not on P-256 (see {@link #checkPublic}).
   *
   * @throws CryptoException if the point is invalid
   */
  public static void checkPoint(ECPoint w) throws CryptoException {
    if (w == null || ECPoint.POINT_INFINITY.equals(w)) {
      throw new CryptoException("P-256 public point is the point at infinity");
    }
    BigInteger p = p();
    BigInteger x = w.getAffineX();
    BigInteger y = w.getAffineY();
    if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
      throw new CryptoException("P-256 public point has a coordinate out of range");
    }
    EllipticCurve c = PARAMS.getCurve();
    BigInteger lhs = y.multiply(y).mod(p);
    BigInteger rhs = x.pow(3).add(c.getA().multiply(x)).add(c.getB()).mod(p);
    if (!lhs.equals(rhs)) {
      throw new CryptoException("P-256 public point is not on the curve");
    }
  }

  private static ECParameterSpec loadParams() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC", "SunEC");
      parameters.init(new ECGenParameterSpec(CURVE_NAME));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's SunEC provider lacks P-256", e);
    }
  }
}
