package dev.bulwark.auth.password.internal;

import java.security.GeneralSecurityException;
import java.security.spec.KeySpec;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The password-hashing primitives, none of them ours: Argon2 from libsodium or the reference
 * libargon2 when {@link Argon2Engines} could load and self-test them, else from Bouncy Castle;
 * bcrypt and scrypt from Bouncy Castle's lightweight API; PBKDF2 from the JDK. Callers have checked
 * every parameter against {@link dev.bulwark.auth.password.VerificationLimits} before calling:
 * nothing here bounds memory.
 *
 * <p>Thread-safe: the Argon2 engines are, and every other call builds its own engine.
 */
public final class Kdfs {
  /** Bouncy Castle's Argon2 type constants. */
  public static final int ARGON2D = Argon2Parameters.ARGON2_d;

  public static final int ARGON2I = Argon2Parameters.ARGON2_i;

  public static final int ARGON2ID = Argon2Parameters.ARGON2_id;

  private Kdfs() {}

  /** Argon2 version 0x13 with no secret and no associated data. */
  public static byte[] argon2(int type, byte[] password, byte[] salt, int memoryKiB, int iterations, int lanes, int outLen) {
    return argon2(type, password, salt, null, null, memoryKiB, iterations, lanes, outLen);
  }

  /** Argon2 version 0x13 (RFC 9106) with optional secret K and associated data X. */
  public static byte[] argon2(
      int type,
      byte[] password,
      byte[] salt,
      byte[] secret,
      byte[] associatedData,
      int memoryKiB,
      int iterations,
      int lanes,
      int outLen) {
    return Argon2Engines.current()
        .hash(new Argon2Job(type, password, salt, secret, associatedData, memoryKiB, iterations, lanes, outLen));
  }

  /**
   * The full bcrypt string for {@code password} (at most 72 bytes; Bouncy Castle appends the
   * terminating zero byte as OpenBSD does).
   *
   * @param version {@code 2a}, {@code 2b} or {@code 2y}
   */
  public static String bcrypt(String version, byte[] password, byte[] salt, int cost) {
    if (password.length > 72) {
      throw new IllegalArgumentException("bcrypt input over 72 bytes must be refused before this point");
    }
    return OpenBSDBCrypt.generate(version, password, salt, cost);
  }

  /** scrypt (RFC 7914) with N = 2^log2N. */
  public static byte[] scrypt(byte[] password, byte[] salt, int log2N, int r, int p, int outLen) {
    return SCrypt.generate(password, salt, 1 << log2N, r, p, outLen);
  }

  /** PBKDF2-HMAC-SHA256 from the JDK, which encodes {@code password} as UTF-8. */
  public static byte[] pbkdf2Sha256(char[] password, byte[] salt, int iterations, int outLen)
      throws GeneralSecurityException {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, outLen * 8);
    try {
      SecretKey key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret((KeySpec) spec);
      return key.getEncoded();
    } finally {
      spec.clearPassword();
    }
  }
}
