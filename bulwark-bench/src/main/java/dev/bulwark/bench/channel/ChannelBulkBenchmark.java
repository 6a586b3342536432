package dev.bulwark.bench.channel;

import dev.bulwark.channel.ChannelClient;
import dev.bulwark.channel.ChannelStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
 * Bulk throughput over loopback: each operation pushes 1 MiB on each of {@code flows} flows at once
 * and waits for every acknowledgement. {@code channel}: flows are streams of one channel session;
 * {@code tls13}: flows are separate JDK TLS 1.3 connections (TLS cannot multiplex). MiB/s = ops/s ×
 * flows. Goal (issue 6): channel ≥ 1.0× TLS.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ChannelBulkBenchmark {
  private static final int PAYLOAD_BYTES = 1 << 20;

  @Param({"1", "16"})
  public int flows;

  @Param({"channel", "tls13"})
  public String transport;

  private Loopback loopback;
  private ChannelClient client;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<DataOutputStream> outs = new ArrayList<>();
  private final List<InputStream> ins = new ArrayList<>();
  private byte[] payload;

  /** Servers, one client session (or {@code flows} TLS connections) and the flows, made once. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    loopback = new Loopback();
    payload = new byte[PAYLOAD_BYTES];
    ThreadLocalRandom.current().nextBytes(payload);
    if (transport.equals("channel")) {
      client = loopback.channelClient();
      for (int i = 0; i < flows; i++) {
        ChannelStream stream = Loopback.open(client);
        resources.add(stream);
        outs.add(new DataOutputStream(stream.outputStream()));
        ins.add(stream.inputStream());
      }
    } else {
      for (int i = 0; i < flows; i++) {
        Socket socket = loopback.tlsClient();
        resources.add(socket);
        outs.add(new DataOutputStream(socket.getOutputStream()));
        ins.add(socket.getInputStream());
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    for (AutoCloseable r : resources) {
      r.close();
    }
    if (client != null) {
      client.close();
    }
    loopback.close();
  }

  @Benchmark
  public void pushOneMebibytePerFlow() throws Exception {
    if (flows == 1) {
      Loopback.push(outs.get(0), ins.get(0), payload);
      return;
    }
    List<Thread> threads = new ArrayList<>(flows);
    IOException[] failure = new IOException[1];
    for (int i = 0; i < flows; i++) {
      int flow = i;
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          Loopback.push(outs.get(flow), ins.get(flow), payload);
        } catch (IOException e) {
          failure[0] = e;
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    if (failure[0] != null) {
      throw failure[0];
    }
  }
}
