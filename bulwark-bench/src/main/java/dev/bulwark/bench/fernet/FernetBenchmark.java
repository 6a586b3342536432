package dev.bulwark.bench.fernet;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.fernet.Fernet;
import dev.bulwark.crypto.fernet.FernetKey;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fernet encrypt (to the token string) and decrypt (from the token string, no TTL) through {@link
 * Fernet}. Bar (PERF-TARGETS.md): PyCA cryptography's Fernet (bulwark-bench/python/pyca_bench.py);
 * goal ≥5× PyCA at ≤1 KiB, ≥1.5× at 64 KiB.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class FernetBenchmark {
  /** Plaintext bytes per token. */
  @Param({"1024", "65536"})
  public int size;

  private Fernet fernet;
  private byte[] plaintext;
  private String token;

  /** One key; one token made up front for decrypt. */
  @Setup
  public void setUp() {
    plaintext = new byte[size];
    new SecureRandom().nextBytes(plaintext);
    fernet = Fernet.create(FernetKey.generate());
    token = fernet.encrypt(plaintext);
    warmUpCompiledPaths();
  }

  /**
   * The JDK's AES-CBC and SHA-256 intrinsics are C2-only, and C2 compiles a caller after thousands of
   * calls, which at 64 KiB per call outlasts the warm-up. A long-running process has compiled these
   * paths long ago with tokens of every size, so the trial starts as one would: many small tokens
   * through the same objects, now and then one of the size under test.
   */
  private void warmUpCompiledPaths() {
    byte[] small = new byte[Math.min(size, 256)];
    String smallToken = fernet.encrypt(small);
    try {
      for (int i = 0; i < 20_000; i++) {
        boolean full = i % 1000 == 999;
        fernet.encrypt(full ? plaintext : small);
        fernet.decrypt(full ? token : smallToken);
      }
    } catch (CryptoException e) {
      throw new IllegalStateException("warm-up failed", e);
    }
  }

  /** Ours: encrypt to a token. */
  @Benchmark
  public String bulwarkEncrypt() {
    return fernet.encrypt(plaintext);
  }

  /** Ours: decrypt a token. */
  @Benchmark
  public byte[] bulwarkDecrypt() throws CryptoException {
    return fernet.decrypt(token);
  }
}
