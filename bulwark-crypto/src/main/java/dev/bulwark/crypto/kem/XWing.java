package dev.bulwark.crypto.kem;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.internal.asym.FixedBytesRandom;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.KEM;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * X-Wing exactly as draft-connolly-cfrg-xwing-kem (-06 and later, §5) specifies it; only the glue is
 * ours, the primitives are the JDK's ML-KEM-768 and SHA3-256 and Bouncy Castle's X25519 and SHAKE256.
 *
 * <pre>
 * expandDecapsulationKey(sk): expanded = SHAKE256(sk, 96 bytes)
 *   (pk_M, sk_M) = ML-KEM-768.KeyGen_internal(expanded[0:32], expanded[32:64])
 *   sk_X = expanded[64:96]; pk_X = X25519(sk_X, BASE)
 * Combiner(ss_M, ss_X, ct_X, pk_X) = SHA3-256(ss_M || ss_X || ct_X || pk_X || XWingLabel)
 * Encapsulate(pk) with eseed = random(64): ek_X = eseed[32:64], ct_X = X25519(ek_X, BASE),
 *   ss_X = X25519(ek_X, pk_X), (ss_M, ct_M) = ML-KEM-768.Encaps(pk_M, m = eseed[0:32]),
 *   ct = ct_M || ct_X
 * Decapsulate(ct, sk): ss_M = ML-KEM-768.Decaps(sk_M, ct_M), ss_X = X25519(sk_X, ct_X)
 * </pre>
 *
 * <p>X-Wing deliberately does not reject an all-zero X25519 output (the draft's security argument
 * rests on ML-KEM for that case, and rejecting would break interoperability).
 */
final class XWing {
  static final int SEED_BYTES = 32;
  static final int X25519_BYTES = 32;
  static final int PUBLIC_BYTES = MlKem768.PUBLIC_BYTES + X25519_BYTES;
  static final int CIPHERTEXT_BYTES = MlKem768.CIPHERTEXT_BYTES + X25519_BYTES;
  /** The six bytes {@code \./ /^\}: 5c2e2f2f5e5c. */
  private static final byte[] LABEL = {0x5c, 0x2e, 0x2f, 0x2f, 0x5e, 0x5c};
  private static final byte[] BASE = basePoint();

  private XWing() {}

  /** The expanded decapsulation key: the JDK ML-KEM key pair and the X25519 scalar and point. */
  record Expanded(KeyPair mlKem, byte[] skX, byte[] pkX) {}

  static Expanded expand(byte[] seed) {
    byte[] expanded = new byte[96];
    SHAKEDigest shake = new SHAKEDigest(256);
    shake.update(seed, 0, seed.length);
    shake.doFinal(expanded, 0, expanded.length);
    byte[] mlKemSeed = Arrays.copyOfRange(expanded, 0, 64);
    try {
      KeyPair mlKem = MlKem768.fromSeed(mlKemSeed);
      byte[] skX = Arrays.copyOfRange(expanded, 64, 96);
      byte[] pkX = new byte[X25519_BYTES];
      X25519.scalarMultBase(skX, 0, pkX, 0);
      return new Expanded(mlKem, skX, pkX);
    } finally {
      Arrays.fill(expanded, (byte) 0);
      Arrays.fill(mlKemSeed, (byte) 0);
    }
  }

  static byte[] publicKey(Expanded e) {
    return concat(MlKem768.rawOf(e.mlKem().getPublic()), e.pkX());
  }

  /** Encapsulates to the raw X-Wing public key, drawing the 64-byte {@code eseed} from {@code random}. */
  static KemEncapsulation encapsulate(PublicKey pkM, byte[] pkX, SecureRandom random) throws CryptoException {
    byte[] eseed = new byte[64];
    random.nextBytes(eseed);
    byte[] ekX = Arrays.copyOfRange(eseed, 32, 64);
    FixedBytesRandom m = new FixedBytesRandom(Arrays.copyOfRange(eseed, 0, 32));
    byte[] ssX = new byte[X25519_BYTES];
    try {
      byte[] ctX = new byte[X25519_BYTES];
      X25519.scalarMultBase(ekX, 0, ctX, 0);
      X25519.scalarMult(ekX, 0, pkX, 0, ssX, 0);
      byte[][] mlKem = MlKem768.encapsulate(pkM, m);
      byte[] ss = combine(mlKem[0], ssX, ctX, pkX);
      Arrays.fill(mlKem[0], (byte) 0);
      return new KemEncapsulation(ss, concat(mlKem[1], ctX));
    } finally {
      m.wipe();
      Arrays.fill(eseed, (byte) 0);
      Arrays.fill(ekX, (byte) 0);
      Arrays.fill(ssX, (byte) 0);
    }
  }

  static byte[] decapsulate(KEM.Decapsulator skM, byte[] skX, byte[] pkX, byte[] ciphertext)
      throws CryptoException {
    if (ciphertext.length != CIPHERTEXT_BYTES) {
      throw new CryptoException("an X-Wing ciphertext is " + CIPHERTEXT_BYTES + " bytes");
    }
    byte[] ctM = Arrays.copyOfRange(ciphertext, 0, MlKem768.CIPHERTEXT_BYTES);
    byte[] ctX = Arrays.copyOfRange(ciphertext, MlKem768.CIPHERTEXT_BYTES, CIPHERTEXT_BYTES);
    byte[] ssM = MlKem768.decapsulate(skM, ctM);
    byte[] ssX = new byte[X25519_BYTES];
    try {
      X25519.scalarMult(skX, 0, ctX, 0, ssX, 0);
      return combine(ssM, ssX, ctX, pkX);
    } finally {
      Arrays.fill(ssM, (byte) 0);
      Arrays.fill(ssX, (byte) 0);
    }
  }

  private static byte[] combine(byte[] ssM, byte[] ssX, byte[] ctX, byte[] pkX) {
    try {
      MessageDigest sha3 = MessageDigest.getInstance("SHA3-256", "SUN");
      sha3.update(ssM);
      sha3.update(ssX);
      sha3.update(ctX);
      sha3.update(pkX);
      sha3.update(LABEL);
      return sha3.digest();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA3-256", e);
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] basePoint() {
    byte[] base = new byte[X25519_BYTES];
    base[0] = 9;
    return base;
  }
}
