package dev.bulwark.bench.mac;

import dev.bulwark.crypto.mac.Mac;
import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * HMAC-SHA256 of 1 MiB through {@link Mac} against the JDK's {@code javax.crypto.Mac} reused. Bar
 * (PERF-TARGETS.md): libcrypto's HMAC (the C harness); goal ≥0.95×.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class HmacBenchmark {
  private static final int SIZE = 1 << 20;

  private byte[] data;
  private Mac mac;
  private javax.crypto.Mac jdk;

  /** Random input and a 32-byte key for both sides. */
  @Setup
  public void setUp() throws GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    data = new byte[SIZE];
    random.nextBytes(data);
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    mac = Mac.create(MacKey.insecureFromBytes(MacAlgorithm.HMAC_SHA256, raw.clone()));
    jdk = javax.crypto.Mac.getInstance("HmacSHA256", "SunJCE");
    jdk.init(new SecretKeySpec(raw, "HmacSHA256"));
  }

  /** Ours: a 32-byte tag over 1 MiB. */
  @Benchmark
  public byte[] bulwarkHmacSha256() {
    return mac.compute(data);
  }

  /** The JDK: cached Mac, same key and input. */
  @Benchmark
  public byte[] jdkHmacSha256() {
    return jdk.doFinal(data);
  }
}
