package dev.bulwark.bench.hash;

import dev.bulwark.crypto.hash.DigestAlgorithm;
import dev.bulwark.crypto.hash.Digests;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
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
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * One-shot digests of 1 MiB (ops/s × 1 MiB = bytes/s) through {@link Digests}, against the JDK's
 * {@code MessageDigest} (SHA-256, SHA3-256) and Bouncy Castle's lightweight {@code Blake2bDigest}.
 * Bars (PERF-TARGETS.md): libcrypto for SHA-256 (goal ≥0.95×) and SHA3-256 (≥0.70×), libsodium for
 * BLAKE2b-512 (goal: at least Bouncy Castle's own speed, which is what the BC column shows).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DigestBenchmark {
  private static final int SIZE = 1 << 20;

  private byte[] data;
  private MessageDigest jdkSha256;
  private MessageDigest jdkSha3;
  private final Blake2bDigest bcBlake2b = new Blake2bDigest(512);

  /** Random input; cached JDK digests (the fastest way to use them). */
  @Setup
  public void setUp() throws NoSuchAlgorithmException, NoSuchProviderException {
    data = new byte[SIZE];
    new SecureRandom().nextBytes(data);
    jdkSha256 = MessageDigest.getInstance("SHA-256", "SUN");
    jdkSha3 = MessageDigest.getInstance("SHA3-256", "SUN");
  }

  /** Ours: SHA-256 of 1 MiB. */
  @Benchmark
  public byte[] bulwarkSha256() {
    return Digests.digest(DigestAlgorithm.SHA256, data);
  }

  /** The JDK: SHA-256 of 1 MiB. */
  @Benchmark
  public byte[] jdkSha256() {
    return jdkSha256.digest(data);
  }

  /** Ours: SHA3-256 of 1 MiB. */
  @Benchmark
  public byte[] bulwarkSha3_256() {
    return Digests.digest(DigestAlgorithm.SHA3_256, data);
  }

  /** The JDK: SHA3-256 of 1 MiB. */
  @Benchmark
  public byte[] jdkSha3_256() {
    return jdkSha3.digest(data);
  }

  /** Ours: BLAKE2b-512 of 1 MiB. */
  @Benchmark
  public byte[] bulwarkBlake2b512() {
    return Digests.digest(DigestAlgorithm.BLAKE2B_512, data);
  }

  /** Bouncy Castle's lightweight digest directly, reused. */
  @Benchmark
  public byte[] bcBlake2b512() {
    byte[] out = new byte[64];
    bcBlake2b.update(data, 0, data.length);
    bcBlake2b.doFinal(out, 0);
    return out;
  }
}
