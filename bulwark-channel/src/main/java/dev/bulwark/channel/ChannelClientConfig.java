package dev.bulwark.channel;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a client connects: whom it trusts, which suites it offers (its preference first), its rekey
 * policy and limits. Immutable; the withers return copies.
 *
 * {@snippet :
 * ChannelClientConfig config = ChannelClientConfig.pinned(ChannelPin.parse(pinText));
 * }
 *
 * @param trust the pin or the explicit trust-on-first-use file
 * @param suites offered suites, preference first
 * @param rekey when each direction ratchets
 * @param connectTimeout the TCP connect deadline
 * @param handshakeTimeout the total handshake deadline
 * @param readTimeout the deadline for a record once its first byte arrived
 * @param maxStreams streams open at once
 */
public record ChannelClientConfig(
    ServerTrust trust,
    List<ChannelSuite> suites,
    RekeyPolicy rekey,
    Duration connectTimeout,
    Duration handshakeTimeout,
    Duration readTimeout,
    int maxStreams) {

  /** @throws IllegalArgumentException for a value out of its bounds */
  public ChannelClientConfig {
    Objects.requireNonNull(trust, "trust");
    suites = List.copyOf(suites);
    if (suites.isEmpty() || suites.size() > 8) {
      throw new IllegalArgumentException("offer 1..8 suites");
    }
    Objects.requireNonNull(rekey, "rekey");
    ChannelServerConfig.positive(connectTimeout, "connectTimeout");
    ChannelServerConfig.positive(handshakeTimeout, "handshakeTimeout");
    ChannelServerConfig.positive(readTimeout, "readTimeout");
    ChannelServerConfig.range(maxStreams, 1, 65_536, "maxStreams");
  }

  /** Defaults with a pinned server key: AES-256-GCM then ChaCha20-Poly1305, 10 s timeouts, 256 streams. */
  public static ChannelClientConfig pinned(ChannelPin pin) {
    return of(ServerTrust.pinned(pin));
  }

  /** Defaults with the given trust. */
  public static ChannelClientConfig of(ServerTrust trust) {
    return new ChannelClientConfig(trust, List.of(ChannelSuite.AES_256_GCM, ChannelSuite.CHACHA20_POLY1305),
        RekeyPolicy.defaults(), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30), 256);
  }

  public ChannelClientConfig withSuites(List<ChannelSuite> s) {
    return new ChannelClientConfig(trust, s, rekey, connectTimeout, handshakeTimeout, readTimeout, maxStreams);
  }

  public ChannelClientConfig withRekey(RekeyPolicy r) {
    return new ChannelClientConfig(trust, suites, r, connectTimeout, handshakeTimeout, readTimeout, maxStreams);
  }

  public ChannelClientConfig withMaxStreams(int n) {
    return new ChannelClientConfig(trust, suites, rekey, connectTimeout, handshakeTimeout, readTimeout, n);
  }

  public ChannelClientConfig withHandshakeTimeout(Duration d) {
    return new ChannelClientConfig(trust, suites, rekey, connectTimeout, d, readTimeout, maxStreams);
  }
}
