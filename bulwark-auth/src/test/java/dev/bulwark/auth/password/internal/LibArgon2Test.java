package dev.bulwark.auth.password.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference C library through FFM: every Botan record and RFC 9106 vector, and its bounds. */
class LibArgon2Test {
  private final LibArgon2 lib = NativeArgon2Fixtures.libargon2();

  @Test
  void rfc9106Vectors_allThreeTypes_matchWithSecretAndAssociatedData() {
    for (Argon2Engines.Rfc9106Vector v : Argon2Engines.RFC_9106) {
      assertThat(lib.hash(v.job())).as("type " + v.type()).isEqualTo(HexFormat.of().parseHex(v.tagHex()));
    }
  }

  @Test
  void botanArgon2Vec_everySupportedRecord_matches() throws Exception {
    List<String> failures = new ArrayList<>();
    int run = 0;
    for (NativeArgon2Fixtures.BotanJob b : NativeArgon2Fixtures.botanJobs()) {
      if (!lib.supports(b.job())) {
        continue;
      }
      run++;
      if (!Arrays.equals(lib.hash(b.job()), b.expected())) {
        failures.add("record " + b.index());
      }
    }
    assertThat(failures).isEmpty();
    assertThat(run).as("records within libargon2's bounds").isGreaterThan(300);
    System.out.println("[argon2-native] libargon2: " + run + " Botan records matched");
  }

  @Test
  void tamperedPasswordSaltSecretOrData_changesTheTag() {
    Argon2Job base = Argon2Engines.RFC_9106.get(2).job();
    byte[] tag = lib.hash(base);
    for (int field = 0; field < 4; field++) {
      byte[][] parts = {base.password().clone(), base.salt().clone(), base.secret().clone(),
          base.associatedData().clone()};
      parts[field][0] ^= 1;
      Argon2Job tampered = new Argon2Job(base.type(), parts[0], parts[1], parts[2], parts[3], base.memoryKiB(),
          base.iterations(), base.lanes(), base.outLen());
      assertThat(lib.hash(tampered)).as("field " + field).isNotEqualTo(tag);
    }
  }

  @Test
  void outsideTheLibrarysBounds_isRefusedBeforeTheNativeCall() {
    byte[] pw = new byte[8];
    List<Argon2Job> refused = List.of(
        new Argon2Job(Kdfs.ARGON2ID, pw, new byte[7], null, null, 64, 1, 1, 32),          // salt under 8
        new Argon2Job(Kdfs.ARGON2ID, pw, new byte[16], null, null, 64, 1, 1, 3),          // tag under 4
        new Argon2Job(Kdfs.ARGON2ID, pw, new byte[16], null, null, 31, 1, 4, 32),         // m < 8 p
        new Argon2Job(Kdfs.ARGON2ID, pw, new byte[16], null, null, LibArgon2.MAX_MEMORY_KIB + 1, 1, 1, 32),
        new Argon2Job(Kdfs.ARGON2ID, new byte[LibArgon2.MAX_FIELD_BYTES + 1], new byte[16], null, null, 64, 1, 1, 32));
    for (Argon2Job job : refused) {
      assertThat(lib.supports(job)).isFalse();
      assertThatThrownBy(() -> lib.hash(job)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void manyLanes_concurrentCallers_allAgreeWithBouncyCastle() throws Exception {
    Argon2Job job = new Argon2Job(Kdfs.ARGON2ID, "pw".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        new byte[16], null, null, 1024, 2, 8, 32);
    byte[] expected = BouncyCastleArgon2.INSTANCE.hash(job);
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      List<java.util.concurrent.Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> lib.hash(job)));
      }
      for (var r : results) {
        assertThat(r.get()).isEqualTo(expected);
      }
    }
  }
}
