package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.crypto.hash.DigestAlgorithm;
import dev.bulwark.crypto.hash.Digests;
import dev.bulwark.server.storage.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCommandTest {
  @TempDir Path dir;

  @Test
  void enrol_printsATokenStoredOnlyAsItsHash() {
    CliRun run = CliRun.inProcess("admin", "enrol", "--data", dir.toString());
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    String token = run.stdout().strip();
    assertThat(token).matches("bwe_[A-Za-z0-9_-]{43}");
    assertThat(run.stderr()).contains("single use");

    CliRun second = CliRun.inProcess("admin", "enrol", "--data", dir.toString());
    assertThat(second.stdout().strip()).isNotEqualTo(token);

    try (Database db = Database.sqlite(dir.resolve("bulwark.db"))) {
      List<byte[]> hashes = db.read(c -> {
        try (var s = c.prepareStatement("SELECT token_hash FROM enrolment_tokens WHERE used_at IS NULL");
            var r = s.executeQuery()) {
          List<byte[]> out = new ArrayList<>();
          while (r.next()) {
            out.add(r.getBytes(1));
          }
          return out;
        }
      });
      assertThat(hashes).hasSize(2)
          .anySatisfy(h -> assertThat(h).isEqualTo(Digests.digest(DigestAlgorithm.SHA256, token.getBytes(StandardCharsets.US_ASCII))));
    }
  }

  @Test
  void enrol_withoutData_orWithABadConfig_isAUsageErrorOnOneLine() throws Exception {
    CliRun missing = CliRun.inProcess("admin", "enrol");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.stderr()).contains("--data");

    Path config = dir.resolve("bulwark.yaml");
    Files.writeString(config, "no_such_setting: 1\n");
    CliRun bad = CliRun.inProcess("admin", "enrol", "--data", dir.toString(), "--config", config.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr().strip()).contains("no_such_setting").doesNotContain("\n").doesNotContain("Exception");
  }
}
