package dev.bulwark.bench.fernet;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.fernet.Fernet;
import dev.bulwark.crypto.fernet.FernetKey;
import dev.bulwark.crypto.fernet.MultiFernet;
import java.security.SecureRandom;
import java.util.List;
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

/**
 * {@link MultiFernet#rotate} of a 1 KiB token made under the old key into the new primary (decrypt
 * with the old key after trying the new one, re-encrypt keeping the timestamp) — the same shape as
 * PyCA's {@code MultiFernet([new, old]).rotate(token)}. Goal (PERF-TARGETS.md): ≥5× PyCA.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MultiFernetRotateBenchmark {
  private MultiFernet multi;
  private String oldToken;

  /** Two keys, the token made under the old one. */
  @Setup
  public void setUp() {
    byte[] plaintext = new byte[1024];
    new SecureRandom().nextBytes(plaintext);
    Fernet oldKey = Fernet.create(FernetKey.generate());
    Fernet newKey = Fernet.create(FernetKey.generate());
    multi = MultiFernet.of(List.of(newKey, oldKey));
    oldToken = oldKey.encrypt(plaintext);
  }

  /** Ours: rotate one token. */
  @Benchmark
  public String bulwarkRotate() throws CryptoException {
    return multi.rotate(oldToken);
  }
}
