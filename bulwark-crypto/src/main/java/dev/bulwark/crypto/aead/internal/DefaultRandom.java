package dev.bulwark.crypto.aead.internal;

import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The default nonce and key source: the JDK's NIST SP 800-90A DRBG at 256-bit strength, one
 * instance per thread so that concurrent encryptions do not contend on one generator's lock.
 *
 * <p>Each new thread instantiates (and seeds) its own DRBG on first use; with a virtual thread per
 * request that is one seeding per request, a cost worth knowing about but small next to I/O.
 */
public final class DefaultRandom {
  private static final ThreadLocal<SecureRandom> PER_THREAD = ThreadLocal.withInitial(DefaultRandom::create);

  private DefaultRandom() {}

  /** This thread's instance. */
  public static SecureRandom get() {
    return PER_THREAD.get();
  }

  private static SecureRandom create() {
    try {
      return SecureRandom.getInstance(
          "DRBG",
          DrbgParameters.instantiation(
              256, DrbgParameters.Capability.RESEED_ONLY, "bulwark-aead".getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK's DRBG at 256-bit strength is missing", e);
    }
  }
}
