package dev.bulwark.auth.password.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** libsodium's Argon2id through FFM: agreement with Bouncy Castle (no published vector fits its fixed 16-byte salt, p = 1, no K/X), its narrow bounds. */
class LibsodiumArgon2idTest {
  private final LibsodiumArgon2id lib = NativeArgon2Fixtures.libsodium();

  @Test
  void randomOneLaneJobs_agreeWithBouncyCastle() {
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < 40; i++) {
      byte[] password = new byte[random.nextInt(0, 100)];
      byte[] salt = new byte[16];
      random.nextBytes(password);
      random.nextBytes(salt);
      Argon2Job job = new Argon2Job(Kdfs.ARGON2ID, password, salt, null, null, random.nextInt(8, 600),
          random.nextInt(1, 4), 1, random.nextInt(16, 80));
      assertThat(lib.supports(job)).isTrue();
      assertThat(lib.hash(job)).as("job " + i).isEqualTo(BouncyCastleArgon2.INSTANCE.hash(job));
    }
  }

  @Test
  void concurrentCallers_allAgreeWithBouncyCastle() throws Exception {
    Argon2Job job = new Argon2Job(Kdfs.ARGON2ID, new byte[] {1, 2, 3}, new byte[16], null, null, 2048, 2, 1, 32);
    byte[] expected = BouncyCastleArgon2.INSTANCE.hash(job);
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      List<java.util.concurrent.Future<byte[]>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> lib.hash(job)));
      }
      for (var r : results) {
        assertThat(r.get()).isEqualTo(expected);
      }
    }
  }

  @Test
  void lanesSecretDataOtherTypesOrOtherSaltLengths_areLeftToAnotherEngine() {
    byte[] pw = new byte[8];
    List<Argon2Job> refused = List.of(
        new Argon2Job(Kdfs.ARGON2ID, pw, new byte[16], null, null, 64, 1, 2, 32),
        new Argon2Job(Kdfs.ARGON2ID, pw, new byte[16], new byte[8], null, 64, 1, 1, 32),
        new Argon2Job(Kdfs.ARGON2ID, pw, new byte[16], null, new byte[8], 64, 1, 1, 32),
        new Argon2Job(Kdfs.ARGON2I, pw, new byte[16], null, null, 64, 3, 1, 32),
        new Argon2Job(Kdfs.ARGON2ID, pw, new byte[15], null, null, 64, 1, 1, 32),
        new Argon2Job(Kdfs.ARGON2ID, pw, new byte[16], null, null, 64, 1, 1, 15),
        new Argon2Job(Kdfs.ARGON2ID, pw, new byte[16], null, null, LibArgon2.MAX_MEMORY_KIB + 1, 1, 1, 32));
    for (Argon2Job job : refused) {
      assertThat(lib.supports(job)).isFalse();
      assertThatThrownBy(() -> lib.hash(job)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
