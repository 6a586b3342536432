package dev.bulwark.bench.channel;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full handshakes per second over loopback, client and server in this JVM: the channel's X25519 +
 * ML-KEM-768 + Ed25519 handshake against a JDK TLS 1.3 full handshake (X25519, Ed25519 certificate,
 * no resumption). Goal (issue 6): channel ≥ 1.0× TLS despite the added ML-KEM.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ChannelHandshakeBenchmark {
  @Param({"channel", "tls13"})
  public String transport;

  private Loopback loopback;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    loopback = new Loopback();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    loopback.close();
  }

  @Benchmark
  public void connectHandshakeClose() throws Exception {
    if (transport.equals("channel")) {
      loopback.channelClient().close();
    } else {
      loopback.tlsClient().close();
    }
  }
}
