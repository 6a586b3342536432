package dev.bulwark.auth.password.internal;

import dev.bulwark.testkit.Requirements;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Loads the native engines (or skips) and Botan's Argon2 records as {@link Argon2Job}s. */
final class NativeArgon2Fixtures {
  private static final Map<String, Integer> TYPES =
      Map.of("Argon2d", Kdfs.ARGON2D, "Argon2i", Kdfs.ARGON2I, "Argon2id", Kdfs.ARGON2ID);

  /** A Botan record as a job and its expected output. */
  record BotanJob(int index, Argon2Job job, byte[] expected) {}

  private NativeArgon2Fixtures() {}

  static LibArgon2 libargon2() {
    return LibArgon2.load(LibArgon2.DEFAULT_NAMES).orElseGet(() -> {
      Requirements.unavailable("libargon2 (libargon2.so.1)", "apt-get install libargon2-1");
      throw new AssertionError("unreachable");
    });
  }

  static LibsodiumArgon2id libsodium() {
    return LibsodiumArgon2id.load(LibsodiumArgon2id.DEFAULT_NAMES).orElseGet(() -> {
      Requirements.unavailable("libsodium (libsodium.so.23)", "apt-get install libsodium23");
      throw new AssertionError("unreachable");
    });
  }

  static List<BotanJob> botanJobs() throws IOException {
    List<BotanJob> jobs = new ArrayList<>();
    List<VectorFiles.VecRecord> records =
        VectorFiles.read(Requirements.vectors("argon2/botan/argon2.vec"), "Output");
    for (int i = 0; i < records.size(); i++) {
      VectorFiles.VecRecord r = records.get(i);
      byte[] expected = r.hex("Output");
      jobs.add(new BotanJob(i, new Argon2Job(TYPES.get(r.section()), r.hex("Passphrase"), r.hex("Salt"),
          r.hexOrNull("Secret"), r.hexOrNull("AD"), r.integer("M"), r.integer("T"), r.integer("P"), expected.length),
          expected));
    }
    return jobs;
  }
}
