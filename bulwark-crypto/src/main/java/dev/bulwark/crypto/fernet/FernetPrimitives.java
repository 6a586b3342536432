package dev.bulwark.crypto.fernet;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * Per-thread JDK {@link Cipher} and {@link Mac} objects for Fernet. {@code getInstance} walks the
 * provider list on every call and costs more than encrypting a short message, so each thread keeps
 * one of each. They are safe to reuse because every use starts with {@code init} (fresh key and IV)
 * and a JDK cipher or MAC resets itself after {@code doFinal}, including when it throws.
 *
 * <p>Warning: the last key a thread used stays in that thread's objects (as an AES key schedule and
 * HMAC pads) until the thread next uses Fernet or ends; {@link FernetKey#destroy()} cannot reach it.
 */
final class FernetPrimitives {
  // The Fernet spec fixes AES-128-CBC with PKCS#7 padding (PKCS5Padding in JCA names); integrity
  // comes from the HMAC, which is always verified before this cipher sees a byte.
  private static final String AES_CBC = "AES/CBC/PKCS5Padding";
  private static final String HMAC_SHA256 = "HmacSHA256";

  private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(FernetPrimitives::newCipher);
  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(FernetPrimitives::newMac);

  private FernetPrimitives() {}

  static Cipher cipher() {
    return CIPHER.get();
  }

  static Mac mac() {
    return MAC.get();
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance(AES_CBC);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(AES_CBC + " is missing from the JDK", e);
    }
  }

  private static Mac newMac() {
    try {
      return Mac.getInstance(HMAC_SHA256);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(HMAC_SHA256 + " is missing from the JDK", e);
    }
  }
}
