package dev.bulwark.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimitKeyTest {
  @Test
  void verifiedIdentity_winsOverTheAddress() {
    InetAddress a = InetAddress.ofLiteral("203.0.113.1");
    InetAddress b = InetAddress.ofLiteral("198.51.100.1");
    assertThat(RateLimitKey.of(Optional.of("alice"), a)).isEqualTo(RateLimitKey.of(Optional.of("alice"), b));
    assertThat(RateLimitKey.of(Optional.empty(), a)).isEqualTo(RateLimitKey.forAddress(a))
        .isNotEqualTo(RateLimitKey.of(Optional.empty(), b));
  }

  @Test
  void ipv6_countsPerSlash64_soRotatingTheInterfaceIdDoesNotHelp() {
    RateLimitKey one = RateLimitKey.forAddress(InetAddress.ofLiteral("2001:db8:1:2::1"));
    RateLimitKey other = RateLimitKey.forAddress(InetAddress.ofLiteral("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    RateLimitKey nextNetwork = RateLimitKey.forAddress(InetAddress.ofLiteral("2001:db8:1:3::1"));
    assertThat(one).isEqualTo(other).isNotEqualTo(nextNetwork);
  }

  @Test
  void keyText_isBoundedAndHidesTheInput() {
    RateLimitKey key = RateLimitKey.forIdentity("x".repeat(1024));
    assertThat(key.value()).hasSizeLessThanOrEqualTo(48).doesNotContain("xxx");
    assertThat(RateLimitKey.forAddress(InetAddress.ofLiteral("203.0.113.1")).value()).doesNotContain("203");
    assertThat(RateLimitKey.forIdentity("alice")).isNotEqualTo(RateLimitKey.forIdentity("alicf"));
  }

  @Test
  void blankOrHugeIdentity_isMisuse() {
    assertThatThrownBy(() -> RateLimitKey.forIdentity(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimitKey.forIdentity("x".repeat(1025))).isInstanceOf(IllegalArgumentException.class);
  }
}
