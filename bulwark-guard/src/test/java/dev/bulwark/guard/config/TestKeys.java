package dev.bulwark.guard.config;

import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import java.security.SecureRandom;
import java.util.Base64;

/** Master keys made at run time, so no key literal sits in the tree. */
final class TestKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestKeys() {}

  static byte[] randomBytes() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return raw;
  }

  static AeadKey masterKey() {
    return AeadKey.insecureFromBytes(AeadAlgorithm.AES256_GCM, randomBytes());
  }

  static String masterKeyText() {
    return Base64.getEncoder().encodeToString(randomBytes());
  }
}
