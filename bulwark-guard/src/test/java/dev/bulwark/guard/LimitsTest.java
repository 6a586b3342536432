package dev.bulwark.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LimitsTest {

  @Test
  void defaults_areBoundedForUntrustedRequests() {
    Limits limits = Limits.defaults();
    assertThat(limits.maxDocumentBytes()).isEqualTo(1024 * 1024);
    assertThat(limits.maxNestingDepth()).isEqualTo(64);
    assertThat(limits.maxYamlAliases()).isEqualTo(50);
    assertThat(limits.maxFileNameLength()).isEqualTo(255);
  }

  @Test
  void override_returnsNewInstanceAndKeepsOthers() {
    Limits raised = Limits.defaults().withMaxDocumentBytes(4 * 1024 * 1024).withMaxNestingDepth(32);
    assertThat(raised.maxDocumentBytes()).isEqualTo(4 * 1024 * 1024);
    assertThat(raised.maxNestingDepth()).isEqualTo(32);
    assertThat(raised.maxStringLength()).isEqualTo(Limits.defaults().maxStringLength());
    assertThat(Limits.defaults().maxDocumentBytes()).isEqualTo(1024 * 1024);
  }

  @Test
  void overrideAboveCeiling_isRefusedNamingTheLimit() {
    assertThatThrownBy(() -> Limits.defaults().withMaxNestingDepth(Limits.CEILING_NESTING_DEPTH + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxNestingDepth");
    assertThatThrownBy(() -> Limits.defaults().withMaxUploadBytes(Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxUploadBytes");
  }

  @Test
  void zeroOrNegative_isRefused() {
    assertThatThrownBy(() -> Limits.defaults().withMaxDocumentBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Limits.defaults().withMaxEntries(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Limits.defaults().withMaxYamlAliases(0).maxYamlAliases()).isZero();
  }
}
