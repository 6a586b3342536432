package dev.bulwark.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rate-limit bypass by a forged {@code X-Forwarded-For}: a client that can choose the address it is
 * counted under gets a fresh budget per request (CWE-348, OWASP "IP spoofing via HTTP headers").
 */
class XForwardedForSpoofingTest {
  private static InetAddress ip(String literal) {
    return InetAddress.ofLiteral(literal);
  }

  private static final ClientAddressResolver BEHIND_PROXIES =
      ClientAddressResolver.trustingProxies(List.of("10.0.0.0/8", "fd00::/8"));

  @Test
  void byDefault_forwardedForIsIgnored_theSocketPeerCounts() {
    ClientAddressResolver resolver = ClientAddressResolver.socketPeerOnly();
    assertThat(resolver.resolve(ip("203.0.113.9"), List.of("198.51.100.1"))).isEqualTo(ip("203.0.113.9"));
    assertThat(resolver.resolve(ip("10.0.0.1"), List.of("198.51.100.1"))).isEqualTo(ip("10.0.0.1"));
  }

  @Test
  void untrustedPeer_cannotClaimAnAddress_evenWithProxiesConfigured() {
    assertThat(BEHIND_PROXIES.resolve(ip("203.0.113.9"), List.of("198.51.100.1"))).isEqualTo(ip("203.0.113.9"));
  }

  @Test
  void trustedProxy_rightmostUntrustedEntryIsTheClient_leftEntriesAreClientClaims() {
    // The client sent "1.1.1.1" itself; the proxy appended the address it saw.
    InetAddress client = BEHIND_PROXIES.resolve(ip("10.0.0.2"), List.of("1.1.1.1, 203.0.113.50"));
    assertThat(client).isEqualTo(ip("203.0.113.50"));
  }

  @Test
  void chainOfTrustedProxies_isSkipped_acrossSeveralHeaders() {
    InetAddress client = BEHIND_PROXIES.resolve(ip("10.0.0.2"),
        List.of("6.6.6.6, 203.0.113.50", "10.1.2.3", "fd00::7"));
    assertThat(client).isEqualTo(ip("203.0.113.50"));
  }

  @Test
  void portsAndBrackets_areAccepted() {
    assertThat(BEHIND_PROXIES.resolve(ip("10.0.0.2"), List.of("203.0.113.50:4711"))).isEqualTo(ip("203.0.113.50"));
    assertThat(BEHIND_PROXIES.resolve(ip("10.0.0.2"), List.of("[2001:db8::1]:4711"))).isEqualTo(ip("2001:db8::1"));
    assertThat(BEHIND_PROXIES.resolve(ip("10.0.0.2"), List.of("2001:db8::1"))).isEqualTo(ip("2001:db8::1"));
  }

  @Test
  void garbageEntry_stopsTheWalk_atTheLastTrustedHop() {
    for (String garbage : List.of("unknown", "evil.example", "_hidden", "1.2.3.4.5", "[::1", "::1%eth0",
        "1.2.3.4:port", "", "0x7f.1", "127.1", "3405803777", "1.2.3.4/8")) {
      assertThat(BEHIND_PROXIES.resolve(ip("10.0.0.2"), List.of("203.0.113.50, " + garbage)))
          .as(garbage).isEqualTo(ip("10.0.0.2"));
    }
  }

  @Test
  void hostNames_areNeverResolved() {
    // "localhost" would resolve to a loopback (trusted-looking) address if it were looked up.
    assertThat(BEHIND_PROXIES.resolve(ip("10.0.0.2"), List.of("localhost"))).isEqualTo(ip("10.0.0.2"));
  }

  @Test
  void allHopsTrusted_theLeftmostCounts() {
    assertThat(BEHIND_PROXIES.resolve(ip("10.0.0.2"), List.of("10.9.9.9, 10.0.0.3"))).isEqualTo(ip("10.9.9.9"));
  }

  @Test
  void hugeHeader_isReadOnlyUpToItsBound() {
    String many = String.join(",", Collections.nCopies(10_000, "10.0.0.1"));
    assertThat(BEHIND_PROXIES.resolve(ip("10.0.0.2"), List.of("203.0.113.50", many))).isEqualTo(ip("10.0.0.2"));
  }

  @Test
  void proxyRanges_areValidated() {
    assertThatThrownBy(() -> ClientAddressResolver.trustingProxies(List.of("0.0.0.0/0")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClientAddressResolver.trustingProxies(List.of("10.0.0.1/8")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host bits");
    assertThatThrownBy(() -> ClientAddressResolver.trustingProxies(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClientAddressResolver.trustingProxies(List.of("proxy.internal")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClientAddressResolver.trustingProxies(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void singleHostRange_andIpv4MappedIpv6() {
    ClientAddressResolver resolver = ClientAddressResolver.trustingProxies(List.of("192.0.2.7"));
    assertThat(resolver.resolve(ip("192.0.2.7"), List.of("203.0.113.1"))).isEqualTo(ip("203.0.113.1"));
    assertThat(resolver.resolve(ip("192.0.2.8"), List.of("203.0.113.1"))).isEqualTo(ip("192.0.2.8"));
    assertThat(resolver.resolve(ip("::ffff:192.0.2.7"), List.of("203.0.113.1"))).isEqualTo(ip("203.0.113.1"));
  }
}
