package dev.bulwark.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AssociatedDataTest {
  @Test
  void shiftedBoundaries_encodeDifferently() {
    // Without length prefixes, ("acct-1", "2/x") and ("acct-12", "/x") would bind the same bytes.
    assertThat(AssociatedData.of("l", "acct-1", "2/x")).isNotEqualTo(AssociatedData.of("l", "acct-12", "/x"));
    assertThat(AssociatedData.of("l", "ab", "c")).isNotEqualTo(AssociatedData.of("l", "a", "bc"));
    assertThat(AssociatedData.of("l", "a", "")).isNotEqualTo(AssociatedData.of("l", "a"));
  }

  @Test
  void sameParts_encodeIdentically() {
    assertThat(AssociatedData.of("bulwark secret v1", "o", "p", "1"))
        .isEqualTo(AssociatedData.of("bulwark secret v1", "o", "p", "1"));
  }

  @Test
  void labelSeparatesPurposes() {
    assertThat(AssociatedData.of("bulwark secret v1", "o")).isNotEqualTo(AssociatedData.of("bulwark transit key v1", "o"));
  }
}
