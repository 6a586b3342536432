package dev.bulwark.auth.breached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BreachedFilterTest {
  @TempDir Path dir;

  /** Pseudo-random 20-byte keys, one independent stream per (stream, i); collisions are negligible. */
  static byte[] key(long i, long stream) {
    byte[] k = new byte[20];
    new SplittableRandom((stream << 40) | i).nextBytes(k);
    return k;
  }

  @Test
  void everyAddedKey_isFound_noFalseNegatives() {
    BreachedFilterBuilder b = BreachedFilterBuilder.forEntries(50_000, 0.001, 7);
    for (int i = 0; i < 50_000; i++) {
      b.addSha1(key(i, 1));
    }
    BreachedFilter f = b.build();
    for (int i = 0; i < 50_000; i++) {
      assertThat(f.screenSha1(key(i, 1))).as("key %d", i).isEqualTo(ScreenVerdict.FOUND);
    }
    assertThat(f.entries()).isEqualTo(50_000);
  }

  @Test
  void measuredFalsePositiveRate_matchesTheStatedRate() {
    for (double target : new double[] {0.01, 0.001}) {
      int n = 100_000;
      BreachedFilterBuilder b = BreachedFilterBuilder.forEntries(n, target, 42);
      for (int i = 0; i < n; i++) {
        b.addSha1(key(i, 1));
      }
      BreachedFilter f = b.build();
      int probes = 1_000_000;
      int falsePositives = 0;
      for (int i = 0; i < probes; i++) {
        if (f.screenSha1(key(i, 2)) == ScreenVerdict.FOUND) {
          falsePositives++;
        }
      }
      double measured = (double) falsePositives / probes;
      // The standard estimate lies within 10 % of the target for optimal m and k.
      assertThat(f.expectedFalsePositiveRate()).isBetween(target * 0.9, target * 1.1);
      // 1e6 probes: at p = 0.001 the standard deviation is about 3 % of the mean; allow +-20 %.
      assertThat(measured).as("measured rate at target %s", target).isBetween(target * 0.8, target * 1.2);
    }
  }

  @Test
  void sizing_is14_4BitsPerEntryAt0_1Percent() {
    BreachedFilter f = BreachedFilterBuilder.forEntries(1_000_000, 0.001, 1).build();
    assertThat(f.bitCount() / 1_000_000.0).isBetween(14.3, 14.5);
    assertThat(f.hashCount()).isEqualTo(10);
  }

  @Test
  void screen_hashesUtf8LikeHibp() {
    // SHA-1("password") = 5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8, as in the HIBP range API docs.
    byte[] sha1 = java.util.HexFormat.of().parseHex("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8");
    BreachedFilter f = BreachedFilterBuilder.forEntries(1, 0.001).addSha1(sha1).build();
    assertThat(f.screen("password")).isEqualTo(ScreenVerdict.FOUND);
    assertThat(f.screen("Password")).isEqualTo(ScreenVerdict.NOT_FOUND);
  }

  @Test
  void addPassword_alsoAddsTheNfkcForm() {
    BreachedFilter f = BreachedFilterBuilder.forEntries(4, 0.001).addPassword("ﬁnance").build();
    assertThat(f.screen("ﬁnance")).isEqualTo(ScreenVerdict.FOUND);
    assertThat(f.screen("finance")).isEqualTo(ScreenVerdict.FOUND);
    assertThat(f.entries()).isEqualTo(2);
  }

  @Test
  void writeThenLoad_roundTrips_fromStreamAndFile() throws Exception {
    BreachedFilterBuilder b = BreachedFilterBuilder.forEntries(10_000, 0.001);
    for (int i = 0; i < 10_000; i++) {
      b.addSha1(key(i, 3));
    }
    BreachedFilter f = b.build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    f.writeTo(out);
    byte[] bytes = out.toByteArray();
    assertThat(bytes).hasSize((int) (64 + f.bitCount() / 8));
    BreachedFilter back = BreachedFilter.read(new ByteArrayInputStream(bytes), bytes.length);
    Path file = dir.resolve("f.bwbf");
    Files.write(file, bytes);
    BreachedFilter fromFile = BreachedFilter.load(file);
    for (BreachedFilter g : new BreachedFilter[] {back, fromFile}) {
      assertThat(g.bitCount()).isEqualTo(f.bitCount());
      assertThat(g.hashCount()).isEqualTo(f.hashCount());
      assertThat(g.entries()).isEqualTo(10_000);
      for (int i = 0; i < 10_000; i++) {
        assertThat(g.screenSha1(key(i, 3))).isEqualTo(ScreenVerdict.FOUND);
      }
      int fp = 0;
      for (int i = 0; i < 10_000; i++) {
        fp += g.screenSha1(key(i, 4)) == f.screenSha1(key(i, 4)) ? 0 : 1;
      }
      assertThat(fp).as("same answers as the original").isZero();
    }
  }

  @Test
  void twoBuildsOfOneCorpus_useDifferentSeeds() throws IOException {
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream c = new ByteArrayOutputStream();
    BreachedFilterBuilder.forEntries(10, 0.001).addSha1(key(1, 1)).build().writeTo(a);
    BreachedFilterBuilder.forEntries(10, 0.001).addSha1(key(1, 1)).build().writeTo(c);
    assertThat(a.toByteArray()).isNotEqualTo(c.toByteArray());
  }

  @Test
  void builder_rejectsMisuse() {
    assertThatThrownBy(() -> BreachedFilterBuilder.forEntries(-1, 0.001)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BreachedFilterBuilder.forEntries(10, 0.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BreachedFilterBuilder.forEntries(10, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BreachedFilterBuilder.forEntries(10, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BreachedFilterBuilder.forEntries(20_000_000_000L, 0.001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2^37");
    BreachedFilterBuilder b = BreachedFilterBuilder.forEntries(10, 0.001);
    assertThatThrownBy(() -> b.addSha1(new byte[19])).isInstanceOf(IllegalArgumentException.class);
    b.build();
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> b.addSha1(new byte[20])).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> BreachedFilter.read(new ByteArrayInputStream(new byte[0]), 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
