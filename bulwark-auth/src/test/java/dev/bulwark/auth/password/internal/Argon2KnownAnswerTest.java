package dev.bulwark.auth.password.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.auth.password.PasswordHasher;
import dev.bulwark.auth.password.PasswordPolicy;
import dev.bulwark.auth.password.PasswordVerification;
import dev.bulwark.testkit.Requirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Argon2 known answers: the P-H-C reference KATs (= RFC 9106 §5) and Botan's test data. */
class Argon2KnownAnswerTest {
  /** One P-H-C {@code kats/argon2*} file (version 0x13). */
  record PhcWinnerKat(
      String file, int type, int memoryKiB, int iterations, int lanes, byte[] password, byte[] salt,
      byte[] secret, byte[] associatedData, byte[] tag) {
    private static final Pattern PARAMS =
        Pattern.compile("Memory: (\\d+) KiB, Iterations: (\\d+), Parallelism: (\\d+) lanes, Tag length: (\\d+) bytes");

    static PhcWinnerKat read(String file, int type) throws IOException {
      List<String> lines = Files.readAllLines(Requirements.vectors("argon2/" + file), StandardCharsets.US_ASCII);
      Matcher m = lines.stream().map(PARAMS::matcher).filter(Matcher::matches).findFirst().orElseThrow();
      byte[] tag = bytes(lines, "Tag");
      assertThat(tag).hasSize(Integer.parseInt(m.group(4)));
      return new PhcWinnerKat(file, type, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)), bytes(lines, "Password"), bytes(lines, "Salt"), bytes(lines, "Secret"),
          bytes(lines, "Associated data"), tag);
    }

    private static byte[] bytes(List<String> lines, String label) {
      String line = lines.stream().filter(l -> l.startsWith(label + "[") || l.startsWith(label + ":"))
          .findFirst().orElseThrow(() -> new AssertionError("no " + label));
      return HexFormat.of().parseHex(line.substring(line.indexOf(':') + 1).replace(" ", ""));
    }
  }

  /** One record of Botan's {@code argon2.vec}: raw Argon2 with optional secret and AD. */
  record BotanArgon2Vector(int type, int memoryKiB, int iterations, int lanes, byte[] passphrase, byte[] salt,
      byte[] secret, byte[] associatedData, byte[] output) {}

  private static final Map<String, Integer> TYPES =
      Map.of("Argon2d", Kdfs.ARGON2D, "Argon2i", Kdfs.ARGON2I, "Argon2id", Kdfs.ARGON2ID);

  @Test
  void phcWinnerKats_allThreeTypes_matchTheReferenceTags() throws IOException {
    List<PhcWinnerKat> kats = List.of(
        PhcWinnerKat.read("argon2d", Kdfs.ARGON2D),
        PhcWinnerKat.read("argon2i", Kdfs.ARGON2I),
        PhcWinnerKat.read("argon2id", Kdfs.ARGON2ID));
    for (PhcWinnerKat kat : kats) {
      byte[] tag = Kdfs.argon2(kat.type(), kat.password(), kat.salt(), kat.secret(), kat.associatedData(),
          kat.memoryKiB(), kat.iterations(), kat.lanes(), kat.tag().length);
      assertThat(tag).as(kat.file()).isEqualTo(kat.tag());
    }
    System.out.println("[argon2-kat] P-H-C reference KATs: " + kats.size() + " of 3 passed");
  }

  @Test
  void botanArgon2Vec_everyRecordOfEveryType_matches() throws IOException {
    List<BotanArgon2Vector> vectors = new ArrayList<>();
    for (VectorFiles.VecRecord r : VectorFiles.read(Requirements.vectors("argon2/botan/argon2.vec"), "Output")) {
      vectors.add(new BotanArgon2Vector(TYPES.get(r.section()), r.integer("M"), r.integer("T"), r.integer("P"),
          r.hex("Passphrase"), r.hex("Salt"), r.hexOrNull("Secret"), r.hexOrNull("AD"), r.hex("Output")));
    }
    assertThat(vectors).hasSize(12 + 15 + 330);
    List<String> failures = new ArrayList<>();
    int argon2id = 0;
    for (int i = 0; i < vectors.size(); i++) {
      BotanArgon2Vector v = vectors.get(i);
      byte[] out = Kdfs.argon2(v.type(), v.passphrase(), v.salt(), v.secret(), v.associatedData(), v.memoryKiB(),
          v.iterations(), v.lanes(), v.output().length);
      if (!java.util.Arrays.equals(out, v.output())) {
        failures.add("record " + i);
      }
      argon2id += v.type() == Kdfs.ARGON2ID ? 1 : 0;
    }
    assertThat(failures).isEmpty();
    System.out.println("[argon2-kat] botan argon2.vec: " + vectors.size() + " records passed (" + argon2id + " Argon2id)");
  }

  @Test
  void botanPasshashVerifyRecords_verifyThroughThePublicApi() throws Exception {
    List<VectorFiles.VecRecord> records =
        VectorFiles.read(Requirements.vectors("argon2/botan/passhash_argon2.vec"), "Passhash");
    PasswordHasher hasher = PasswordHasher.create(PasswordPolicy.defaults());
    int verified = 0;
    int generated = 0;
    for (VectorFiles.VecRecord r : records) {
      String passhash = r.get("Passhash");
      PasswordVerification right = hasher.verify(r.get("Password").toCharArray(), passhash);
      assertThat(right.matches()).as(passhash).isTrue();
      assertThat(right.needsRehash()).as("m=8 is far below the policy").isTrue();
      assertThat(hasher.verify((r.get("Password") + "x").toCharArray(), passhash).matches()).isFalse();
      verified++;
      if (r.section().equals("Generate")) {
        int type = switch (r.integer("Mode")) {
          case 0 -> Kdfs.ARGON2D;
          case 1 -> Kdfs.ARGON2I;
          default -> Kdfs.ARGON2ID;
        };
        String id = type == Kdfs.ARGON2D ? "argon2d" : type == Kdfs.ARGON2I ? "argon2i" : "argon2id";
        byte[] salt = r.hex("Salt");
        byte[] out = Kdfs.argon2(type, r.get("Password").getBytes(StandardCharsets.UTF_8), salt, r.integer("M"),
            r.integer("T"), r.integer("P"), r.integer("OutLen"));
        String ours = "$" + id + "$v=19$m=" + r.get("M") + ",t=" + r.get("T") + ",p=" + r.get("P") + "$"
            + Phc.encode(salt) + "$" + Phc.encode(out);
        assertThat(ours).isEqualTo(passhash);
        generated++;
      }
    }
    assertThat(verified).isEqualTo(6);
    System.out.println("[argon2-kat] botan passhash_argon2.vec: " + verified + " verified, " + generated + " generated");
  }
}
