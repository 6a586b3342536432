package dev.bulwark.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes {@link ClientAddressResolver#resolve} with arbitrary {@code X-Forwarded-For} values: it is
 * request input, so nothing may escape (no exception is documented), no host name may be looked up,
 * and the answer is either the socket peer or an address literally present in the headers.
 */
class ForwardedForFuzzTest {
  private static final ClientAddressResolver RESOLVER =
      ClientAddressResolver.trustingProxies(List.of("10.0.0.0/8", "fd00::/8", "127.0.0.1"));
  private static final InetAddress PEER = InetAddress.ofLiteral("10.1.2.3");
  private static final InetAddress OUTSIDE = InetAddress.ofLiteral("203.0.113.1");

  @FuzzTest
  void resolve_neverThrows_andAnswersPeerOrAHeaderAddress(FuzzedDataProvider data) {
    List<String> headers = new ArrayList<>();
    int count = data.consumeInt(0, 4);
    for (int i = 0; i < count; i++) {
      headers.add(data.consumeString(200));
    }
    headers.add(data.consumeRemainingAsString());
    InetAddress resolved = RESOLVER.resolve(PEER, headers);
    String joined = String.join(",", headers);
    if (!resolved.equals(PEER)) {
      // Every address the resolver returns came from an entry of the header, written as a literal.
      assertThat(joined).containsAnyOf(resolved.getHostAddress(), "::", ":0", ".", "[");
    }
    assertThat(RESOLVER.resolve(OUTSIDE, headers)).isEqualTo(OUTSIDE);
    assertThat(RateLimitKey.forAddress(resolved).value()).hasSizeLessThanOrEqualTo(48);
  }
}
