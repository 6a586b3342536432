package dev.bulwark.auth.password.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The runtime choice of Argon2 engine: forced fallback, missing libraries, and a lying library. */
class Argon2EnginesTest {
  @Test
  void propertyFalse_forcesBouncyCastle() {
    NativeArgon2Fixtures.libargon2();
    Argon2Engines.Selection s =
        Argon2Engines.select(true, "false", LibsodiumArgon2id.DEFAULT_NAMES, LibArgon2.DEFAULT_NAMES);
    assertThat(s.engine()).isSameAs(BouncyCastleArgon2.INSTANCE);
    assertThat(s.reason()).contains(Argon2Engines.PROPERTY);
  }

  @Test
  void nativeAccessNotGranted_fallsBackWithInstructions() {
    Argon2Engines.Selection s =
        Argon2Engines.select(false, null, LibsodiumArgon2id.DEFAULT_NAMES, LibArgon2.DEFAULT_NAMES);
    assertThat(s.engine()).isSameAs(BouncyCastleArgon2.INSTANCE);
    assertThat(s.reason()).contains("--enable-native-access");
  }

  @Test
  void librariesAbsent_fallBackToBouncyCastle_whichStillMatchesTheRfc() {
    Argon2Engines.Selection s =
        Argon2Engines.select(true, null, List.of("libnot-sodium-bulwark.so"), List.of("libnot-argon2-bulwark.so"));
    assertThat(s.engine()).isSameAs(BouncyCastleArgon2.INSTANCE);
    assertThat(s.reason()).contains("no native Argon2 library");
    assertThat(Argon2Engines.selfTest(s.engine())).isTrue();
  }

  @Test
  void bothLibrariesPresent_oneLaneGoesToLibsodium_fourLanesToLibargon2_shortSaltToBouncyCastle() {
    NativeArgon2Fixtures.libargon2();
    NativeArgon2Fixtures.libsodium();
    Argon2Engines.Selection s =
        Argon2Engines.select(true, null, LibsodiumArgon2id.DEFAULT_NAMES, LibArgon2.DEFAULT_NAMES);
    NativeArgon2 engine = (NativeArgon2) s.engine();
    byte[] pw = new byte[8];
    assertThat(engine.engineFor(new Argon2Job(Kdfs.ARGON2ID, pw, new byte[16], null, null, 64, 2, 1, 32)))
        .isInstanceOf(LibsodiumArgon2id.class);
    assertThat(engine.engineFor(new Argon2Job(Kdfs.ARGON2ID, pw, new byte[16], null, null, 64, 2, 4, 32)))
        .isInstanceOf(LibArgon2.class);
    assertThat(engine.engineFor(new Argon2Job(Kdfs.ARGON2ID, pw, new byte[4], null, null, 64, 2, 4, 32)))
        .isSameAs(BouncyCastleArgon2.INSTANCE);
    assertThat(engine.description()).contains("libsodium").contains("libargon2");
  }

  @Test
  void libraryIgnoringTheSecret_failsTheSelfTest() {
    LibArgon2 real = NativeArgon2Fixtures.libargon2();
    Argon2Engine dropsSecret = new Forwarding(real) {
      @Override
      public byte[] hash(Argon2Job j) {
        return real.hash(new Argon2Job(j.type(), j.password(), j.salt(), null, j.associatedData(), j.memoryKiB(),
            j.iterations(), j.lanes(), j.outLen()));
      }
    };
    assertThat(Argon2Engines.selfTest(real)).isTrue();
    assertThat(Argon2Engines.selfTest(dropsSecret)).isFalse();
  }

  @Test
  void libraryWrongOnlyForOneLane_failsTheCrossCheck() {
    LibsodiumArgon2id real = NativeArgon2Fixtures.libsodium();
    Argon2Engine flipsABit = new Forwarding(real) {
      @Override
      public byte[] hash(Argon2Job j) {
        byte[] out = real.hash(j);
        out[out.length - 1] ^= 1;
        return out;
      }
    };
    assertThat(Argon2Engines.selfTest(real)).isTrue();
    assertThat(Argon2Engines.selfTest(flipsABit)).isFalse();
  }

  @Test
  void libraryThatThrows_failsTheSelfTestInsteadOfBreakingStartup() {
    Argon2Engine throwing = new Forwarding(BouncyCastleArgon2.INSTANCE) {
      @Override
      public byte[] hash(Argon2Job j) {
        throw new IllegalStateException("native error");
      }
    };
    assertThat(Argon2Engines.selfTest(throwing)).isFalse();
  }

  @Test
  void currentEngine_whicheverThisJvmChose_passesTheSelfTest() {
    // Which one depends on the JVM's native-access grant, which in warn mode the JDK also turns on
    // for the whole unnamed module after any class-path code's first restricted call; the CLI
    // process tests pin both cases down in fresh JVMs.
    Argon2Engine current = Argon2Engines.current();
    assertThat(current).isInstanceOfAny(NativeArgon2.class, BouncyCastleArgon2.class);
    assertThat(Argon2Engines.selfTest(current)).isTrue();
    System.out.println("[argon2-native] this JVM uses: " + Argon2Engines.describe());
  }

  /** Supports what {@code inner} supports. */
  private abstract static class Forwarding implements Argon2Engine {
    private final Argon2Engine inner;

    Forwarding(Argon2Engine inner) {
      this.inner = inner;
    }

    @Override
    public boolean supports(Argon2Job job) {
      return inner.supports(job);
    }

    @Override
    public String description() {
      return "test double";
    }
  }
}
