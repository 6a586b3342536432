package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrefixesTest {
  @Test
  void eachPrefix_foundAnywhereInTheText() {
    Map<String, Integer> cases = Map.ofEntries(
        Map.entry("bwk_", Prefixes.BWK),
        Map.entry("PRIVATE KEY-----", Prefixes.PEM),
        Map.entry("AKIA", Prefixes.AWS),
        Map.entry("ASIA", Prefixes.AWS),
        Map.entry("ghp_", Prefixes.GITHUB),
        Map.entry("ghr_", Prefixes.GITHUB),
        Map.entry("github_pat_", Prefixes.GITHUB),
        Map.entry("glpat-", Prefixes.GITLAB),
        Map.entry("xoxb", Prefixes.SLACK),
        Map.entry("rk_live_", Prefixes.STRIPE),
        Map.entry("AIza", Prefixes.GOOGLE),
        Map.entry("eyJ", Prefixes.JWT));
    cases.forEach((literal, bit) -> {
      assertThat(Prefixes.present("some text " + literal + " more")).as(literal).isEqualTo(bit);
      assertThat(Prefixes.present(literal)).as(literal).isEqualTo(bit);
    });
    assertThat(Prefixes.present("ghp_ and AIza")).isEqualTo(Prefixes.GITHUB | Prefixes.GOOGLE);
  }

  @Test
  void truncatedOrAlteredPrefixes_notFound() {
    for (String text : new String[] {"", "bwk", "PRIVATE KEY----", "AKI", "gh_", "ghx_", "github_pat", "glpat", "xo", "k_live", "AIz", "ey", "EYJ"}) {
      assertThat(Prefixes.present(text)).as(text).isZero();
    }
  }
}
