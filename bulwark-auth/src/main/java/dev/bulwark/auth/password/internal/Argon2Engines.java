package dev.bulwark.auth.password.internal;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Chooses, once per JVM, the Argon2 implementation {@link Kdfs#argon2} uses: the native libraries
 * (libsodium, libargon2) when (1) the JVM grants this module native access ({@code
 * --enable-native-access=dev.bulwark.auth}, or {@code ALL-UNNAMED} on the class path), (2) the
 * system property {@value #PROPERTY} is not {@code false}, (3) the library loads and (4) it passes
 * a self-test: RFC 9106 §5 known answers for all three types (libargon2) and agreement with Bouncy
 * Castle on small inputs it supports (both). Otherwise Bouncy Castle, with the reason recorded. A
 * library that loads but computes a wrong tag is therefore never used.
 *
 * <p>Thread-safe: the choice is made in a class initialiser.
 */
public final class Argon2Engines {
  /** System property that, set to {@code false}, forces the pure-Java engine. */
  public static final String PROPERTY = "bulwark.argon2.native";

  /** One RFC 9106 §5 test vector: m = 32 KiB, t = 3, p = 4, P = 32 × 01, S = 16 × 02, K = 8 × 03, X = 12 × 04. */
  record Rfc9106Vector(int type, String tagHex) {
    Argon2Job job() {
      return new Argon2Job(type, filled(32, 1), filled(16, 2), filled(8, 3), filled(12, 4), 32, 3, 4, 32);
    }
  }

  static final List<Rfc9106Vector> RFC_9106 =
      List.of(
          new Rfc9106Vector(Kdfs.ARGON2D, "512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb"),
          new Rfc9106Vector(Kdfs.ARGON2I, "c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8"),
          new Rfc9106Vector(Kdfs.ARGON2ID, "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"));

  /** The engine in use and why it was chosen. */
  record Selection(Argon2Engine engine, String reason) {}

  private static final class Holder {
    private static final Selection SELECTED =
        select(Argon2Engines.class.getModule().isNativeAccessEnabled(), System.getProperty(PROPERTY),
            LibsodiumArgon2id.DEFAULT_NAMES, LibArgon2.DEFAULT_NAMES);
  }

  private Argon2Engines() {}

  /** The engine chosen for this JVM. */
  static Argon2Engine current() {
    return Holder.SELECTED.engine();
  }

  /** For operators and the CLI: which implementation computes Argon2 here, and why. */
  public static String describe() {
    Selection s = Holder.SELECTED;
    return s.engine().description() + "; " + s.reason();
  }

  /**
   * The engine for the given environment.
   *
   * @param nativeAccess whether the JVM grants this module native access
   * @param property the value of {@value #PROPERTY}, or null
   */
  static Selection select(boolean nativeAccess, String property, List<String> sodiumNames, List<String> argon2Names) {
    if ("false".equals(property)) {
      return new Selection(BouncyCastleArgon2.INSTANCE, PROPERTY + "=false");
    }
    if (!nativeAccess) {
      return new Selection(BouncyCastleArgon2.INSTANCE,
          "native access not enabled (run with --enable-native-access=dev.bulwark.auth or ALL-UNNAMED)");
    }
    Optional<LibsodiumArgon2id> sodium;
    Optional<LibArgon2> argon2;
    try {
      sodium = LibsodiumArgon2id.load(sodiumNames).filter(Argon2Engines::selfTest);
      argon2 = LibArgon2.load(argon2Names).filter(Argon2Engines::selfTest);
    } catch (RuntimeException | LinkageError e) {
      // A platform without an FFM linker (UnsupportedOperationException) or a broken library must
      // not stop password hashing: it only makes it slower.
      return new Selection(BouncyCastleArgon2.INSTANCE, "native Argon2 unavailable on this platform");
    }
    if (sodium.isEmpty() && argon2.isEmpty()) {
      return new Selection(BouncyCastleArgon2.INSTANCE, "no native Argon2 library loaded and passed its self-test");
    }
    return new Selection(new NativeArgon2(sodium, argon2), "native libraries passed their self-tests");
  }

  /**
   * Whether {@code engine} gives the right tag on every RFC 9106 vector it supports and agrees with
   * Bouncy Castle on the one- and two-lane inputs it supports (at least one).
   */
  static boolean selfTest(Argon2Engine engine) {
    try {
      for (Rfc9106Vector v : RFC_9106) {
        Argon2Job job = v.job();
        if (engine.supports(job)
            && !MessageDigest.isEqual(engine.hash(job), HexFormat.of().parseHex(v.tagHex()))) {
          return false;
        }
      }
      int agreed = 0;
      for (int lanes = 1; lanes <= 2; lanes++) {
        for (int passwordByte = 0x50; passwordByte <= 0x51; passwordByte++) {
          Argon2Job job =
              new Argon2Job(Kdfs.ARGON2ID, filled(11, passwordByte), filled(16, 0x53), null, null, 64, 2, lanes, 32);
          if (engine.supports(job)) {
            if (!MessageDigest.isEqual(engine.hash(job), BouncyCastleArgon2.INSTANCE.hash(job))) {
              return false;
            }
            agreed++;
          }
        }
      }
      return agreed > 0;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
