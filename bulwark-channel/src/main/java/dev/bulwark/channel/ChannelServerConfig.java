package dev.bulwark.channel;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A server's identity and limits (docs/channel-protocol.md §5). Every limit is on by default and
 * none can be switched off, only moved within bounds. Immutable; the withers return copies.
 *
 * {@snippet :
 * ChannelServerConfig config = ChannelServerConfig.defaults(identity)
 *     .withMaxConnectionsPerAddress(16)
 *     .withIdleTimeout(Duration.ofMinutes(1));
 * }
 *
 * @param identity the server's signing identity
 * @param suites the suites accepted, in no particular order (the client's preference wins)
 * @param rekey when each direction ratchets
 * @param maxConnections connections open at once, 1..1,000,000
 * @param maxConnectionsPerAddress connections open at once from one remote address
 * @param handshakeTimeout the total deadline for a handshake
 * @param readTimeout the total deadline for a record once its first byte arrived
 * @param idleTimeout the longest wait for the next record
 * @param maxStreamsPerSession streams open at once in one session, 1..65,536
 * @param maxBufferedBytes total receive-buffer reservation over all sessions: 128 KiB per open
 *     stream (streams beyond it are refused), 1 MiB for a stream carrying bulk data while the
 *     budget has room (docs/channel-protocol.md §4)
 */
public record ChannelServerConfig(
    ChannelIdentity identity,
    List<ChannelSuite> suites,
    RekeyPolicy rekey,
    int maxConnections,
    int maxConnectionsPerAddress,
    Duration handshakeTimeout,
    Duration readTimeout,
    Duration idleTimeout,
    int maxStreamsPerSession,
    long maxBufferedBytes) {

  /** @throws IllegalArgumentException for a value out of its bounds */
  public ChannelServerConfig {
    Objects.requireNonNull(identity, "identity");
    suites = List.copyOf(suites);
    Objects.requireNonNull(rekey, "rekey");
    if (suites.isEmpty()) {
      throw new IllegalArgumentException("accept at least one suite");
    }
    range(maxConnections, 1, 1_000_000, "maxConnections");
    range(maxConnectionsPerAddress, 1, maxConnections, "maxConnectionsPerAddress");
    range(maxStreamsPerSession, 1, 65_536, "maxStreamsPerSession");
    if (maxBufferedBytes < 128 * 1024) {
      throw new IllegalArgumentException("maxBufferedBytes must hold at least one 128 KiB window");
    }
    positive(handshakeTimeout, "handshakeTimeout");
    positive(readTimeout, "readTimeout");
    positive(idleTimeout, "idleTimeout");
  }

  static void range(long value, long min, long max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be " + min + ".." + max);
    }
  }

  static void positive(Duration d, String name) {
    if (d == null || d.toMillis() < 1 || d.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(name + " must be 1 ms..1 day");
    }
  }

  /** v1 defaults: 10,000 connections, 64 per address, 10 s handshake, 30 s read, 5 min idle, 256 streams, 256 MiB. */
  public static ChannelServerConfig defaults(ChannelIdentity identity) {
    return new ChannelServerConfig(identity, List.of(ChannelSuite.values()), RekeyPolicy.defaults(), 10_000, 64,
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(5), 256, 256L << 20);
  }

  public ChannelServerConfig withSuites(List<ChannelSuite> s) {
    return new ChannelServerConfig(identity, s, rekey, maxConnections, maxConnectionsPerAddress, handshakeTimeout,
        readTimeout, idleTimeout, maxStreamsPerSession, maxBufferedBytes);
  }

  public ChannelServerConfig withRekey(RekeyPolicy r) {
    return new ChannelServerConfig(identity, suites, r, maxConnections, maxConnectionsPerAddress, handshakeTimeout,
        readTimeout, idleTimeout, maxStreamsPerSession, maxBufferedBytes);
  }

  public ChannelServerConfig withMaxConnections(int n) {
    return new ChannelServerConfig(identity, suites, rekey, n, Math.min(n, maxConnectionsPerAddress), handshakeTimeout,
        readTimeout, idleTimeout, maxStreamsPerSession, maxBufferedBytes);
  }

  public ChannelServerConfig withMaxConnectionsPerAddress(int n) {
    return new ChannelServerConfig(identity, suites, rekey, maxConnections, n, handshakeTimeout,
        readTimeout, idleTimeout, maxStreamsPerSession, maxBufferedBytes);
  }

  public ChannelServerConfig withHandshakeTimeout(Duration d) {
    return new ChannelServerConfig(identity, suites, rekey, maxConnections, maxConnectionsPerAddress, d,
        readTimeout, idleTimeout, maxStreamsPerSession, maxBufferedBytes);
  }

  public ChannelServerConfig withReadTimeout(Duration d) {
    return new ChannelServerConfig(identity, suites, rekey, maxConnections, maxConnectionsPerAddress, handshakeTimeout,
        d, idleTimeout, maxStreamsPerSession, maxBufferedBytes);
  }

  public ChannelServerConfig withIdleTimeout(Duration d) {
    return new ChannelServerConfig(identity, suites, rekey, maxConnections, maxConnectionsPerAddress, handshakeTimeout,
        readTimeout, d, maxStreamsPerSession, maxBufferedBytes);
  }

  public ChannelServerConfig withMaxStreamsPerSession(int n) {
    return new ChannelServerConfig(identity, suites, rekey, maxConnections, maxConnectionsPerAddress, handshakeTimeout,
        readTimeout, idleTimeout, n, maxBufferedBytes);
  }

  public ChannelServerConfig withMaxBufferedBytes(long n) {
    return new ChannelServerConfig(identity, suites, rekey, maxConnections, maxConnectionsPerAddress, handshakeTimeout,
        readTimeout, idleTimeout, maxStreamsPerSession, n);
  }
}
