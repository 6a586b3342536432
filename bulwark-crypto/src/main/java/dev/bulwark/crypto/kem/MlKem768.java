package dev.bulwark.crypto.kem;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.internal.asym.FixedBytesRandom;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.KEM;

/**
 * ML-KEM-768 on the JDK's {@code SunJCE} provider, plus the FIPS 203 §7.2/§7.3 input checks we run
 * ourselves so they hold whatever the provider does: the encapsulation key's coefficients must be
 * reduced mod q (the "modulus check"), and an expanded decapsulation key must carry the hash of its
 * own encapsulation key (the "hash check").
 */
final class MlKem768 {
  static final String NAME = "ML-KEM-768";
  static final String PROVIDER = "SunJCE";
  static final int PUBLIC_BYTES = 1184;
  static final int CIPHERTEXT_BYTES = 1088;
  static final int EXPANDED_PRIVATE_BYTES = 2400;
  static final int SEED_BYTES = 64;
  private static final int T_HAT_BYTES = 1152;
  private static final int Q = 3329;
  private static final HexFormat HEX = HexFormat.of();
  /** SPKI for ML-KEM-768 (RFC 9935 / the LAMPS ML-KEM certificate profile), 1184 key bytes follow. */
  static final byte[] SPKI_PREFIX = HEX.parseHex("308204b2300b0609608648016503040402038204a100");
  /** The JDK's PKCS#8 form of an expanded ML-KEM-768 decapsulation key, 2400 key bytes follow. */
  static final byte[] EXPANDED_PKCS8_PREFIX =
      HEX.parseHex("30820978020100300b06096086480165030404020482096404820960");

  private MlKem768() {}

  static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(NAME, PROVIDER);
      generator.initialize(new NamedParameterSpec(NAME), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + NAME, e);
    }
  }

  /**
   * FIPS 203 ML-KEM.KeyGen_internal(d, z) from {@code seed = d||z}: the JDK's generator draws d then
   * z from its random source, and offers no other seeded entry point; the FIPS 203 key-generation
   * vectors pin the result.
   */
  static KeyPair fromSeed(byte[] seed) {
    FixedBytesRandom source = new FixedBytesRandom(seed);
    try {
      KeyPair pair = generate(source);
      if (!source.exhausted()) {
        throw new IllegalStateException("the JDK's ML-KEM generator did not consume the whole seed");
      }
      return pair;
    } finally {
      source.wipe();
    }
  }

  static PublicKey publicFromRaw(byte[] raw) throws CryptoException {
    if (raw.length != PUBLIC_BYTES) {
      throw new CryptoException("an ML-KEM-768 encapsulation key is " + PUBLIC_BYTES + " bytes");
    }
    checkModulus(raw);
    byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + PUBLIC_BYTES);
    System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, PUBLIC_BYTES);
    try {
      return KeyFactory.getInstance(NAME, PROVIDER).generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("ML-KEM-768 encapsulation key rejected");
    }
  }

  static byte[] rawOf(PublicKey key) {
    byte[] spki = key.getEncoded();
    return Arrays.copyOfRange(spki, spki.length - PUBLIC_BYTES, spki.length);
  }

  /** The expanded decapsulation key {@code dk} (FIPS 203 §7.1) of a JDK private key. */
  static byte[] expandedOf(PrivateKey key) {
    byte[] pkcs8 = key.getEncoded();
    if (pkcs8.length != EXPANDED_PKCS8_PREFIX.length + EXPANDED_PRIVATE_BYTES
        || !Arrays.equals(pkcs8, 0, EXPANDED_PKCS8_PREFIX.length, EXPANDED_PKCS8_PREFIX, 0, EXPANDED_PKCS8_PREFIX.length)) {
      throw new IllegalStateException("the JDK encoded its ML-KEM-768 private key in an unexpected form");
    }
    byte[] dk = Arrays.copyOfRange(pkcs8, EXPANDED_PKCS8_PREFIX.length, pkcs8.length);
    Arrays.fill(pkcs8, (byte) 0);
    return dk;
  }

  /**
   * A private key from an expanded decapsulation key {@code dk}, after the FIPS 203 §7.3 checks
   * (length, embedded encapsulation key valid, embedded hash matches).
   */
  static KeyPair fromExpanded(byte[] dk) throws CryptoException {
    if (dk.length != EXPANDED_PRIVATE_BYTES) {
      throw new CryptoException("an expanded ML-KEM-768 decapsulation key is " + EXPANDED_PRIVATE_BYTES + " bytes");
    }
    byte[] ek = Arrays.copyOfRange(dk, T_HAT_BYTES, T_HAT_BYTES + PUBLIC_BYTES);
    byte[] h = Arrays.copyOfRange(dk, T_HAT_BYTES + PUBLIC_BYTES, T_HAT_BYTES + PUBLIC_BYTES + 32);
    if (!MessageDigest.isEqual(sha3(ek), h)) {
      throw new CryptoException("ML-KEM-768 decapsulation key fails its hash check");
    }
    PublicKey pub = publicFromRaw(ek);
    byte[] pkcs8 = Arrays.copyOf(EXPANDED_PKCS8_PREFIX, EXPANDED_PKCS8_PREFIX.length + dk.length);
    System.arraycopy(dk, 0, pkcs8, EXPANDED_PKCS8_PREFIX.length, dk.length);
    try {
      return new KeyPair(pub, KeyFactory.getInstance(NAME, PROVIDER).generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("ML-KEM-768 decapsulation key rejected");
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /**
   * A reusable encapsulator for {@code key}. {@code KEM.newEncapsulator} translates the key, copies
   * its raw bytes and runs the provider's key check every time it is called, which costs as much as
   * a tenth of an encapsulation; the JDK documents {@code Encapsulator} as immutable and safe to use
   * from many threads at once, so a key can make one and keep it.
   *
   * @param random the source of the 32-byte FIPS 203 message {@code m}, or null for the JDK's default
   *     {@code SecureRandom} (what {@code new SecureRandom()} gives)
   */
  static KEM.Encapsulator encapsulator(PublicKey key, SecureRandom random) throws CryptoException {
    try {
      return KEM.getInstance(NAME, PROVIDER).newEncapsulator(key, random);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("ML-KEM-768 encapsulation key rejected");
    }
  }

  /** Encapsulates to {@code key}, drawing the 32-byte FIPS 203 message {@code m} from {@code random}. */
  static byte[][] encapsulate(PublicKey key, SecureRandom random) throws CryptoException {
    return encapsulate(encapsulator(key, random));
  }

  /** Encapsulates with a prepared encapsulator: {@code {sharedSecret, ciphertext}}. */
  static byte[][] encapsulate(KEM.Encapsulator encapsulator) throws CryptoException {
    try {
      KEM.Encapsulated result = encapsulator.encapsulate();
      return new byte[][] {result.key().getEncoded(), result.encapsulation()};
    } catch (RuntimeException e) {
      throw new CryptoException("ML-KEM-768 encapsulation failed");
    }
  }

  /**
   * A reusable decapsulator for {@code key}; see {@link #encapsulator} for why. Warning: it holds its
   * own copy of the raw decapsulation key, which (like the JDK key object itself) cannot be wiped;
   * making one per call, as before, left one such copy in the heap per call instead.
   */
  static KEM.Decapsulator decapsulator(PrivateKey key) throws CryptoException {
    try {
      return KEM.getInstance(NAME, PROVIDER).newDecapsulator(key);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("ML-KEM-768 decapsulation key rejected");
    }
  }

  /**
   * Decapsulates. A well-formed but wrong ciphertext yields a pseudorandom secret (FIPS 203 implicit
   * rejection), not an error: the mismatch surfaces when the derived key fails to authenticate.
   */
  static byte[] decapsulate(KEM.Decapsulator decapsulator, byte[] ciphertext) throws CryptoException {
    if (ciphertext.length != CIPHERTEXT_BYTES) {
      throw new CryptoException("an ML-KEM-768 ciphertext is " + CIPHERTEXT_BYTES + " bytes");
    }
    try {
      return decapsulator.decapsulate(ciphertext).getEncoded();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("ML-KEM-768 decapsulation failed");
    }
  }

  /** FIPS 203 §7.2 modulus check: every 12-bit coefficient of t-hat must be below q. */
  static void checkModulus(byte[] ek) throws CryptoException {
    int bad = 0;
    for (int i = 0; i < T_HAT_BYTES; i += 3) {
      int b0 = ek[i] & 0xff;
      int b1 = ek[i + 1] & 0xff;
      int b2 = ek[i + 2] & 0xff;
      int d1 = b0 | ((b1 & 0x0f) << 8);
      int d2 = (b1 >> 4) | (b2 << 4);
      bad |= ((Q - 1 - d1) | (Q - 1 - d2)) >>> 31;
    }
    if (bad != 0) {
      throw new CryptoException("ML-KEM-768 encapsulation key fails the modulus check");
    }
  }

  static byte[] sha3(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA3-256", "SUN").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA3-256", e);
    }
  }
}
