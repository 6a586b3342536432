package dev.bulwark.bench.aead;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.Aead;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
 * AES-256-GCM encryption of one message through {@link Aead} (a fresh random nonce per message,
 * output allocated per message, tag appended), against the JDK's {@code Cipher} with the object
 * reused and a fresh counter nonce per message. The bar of PERF-TARGETS.md is libcrypto with the
 * context reused (bulwark-bench/native/aead_bench.c); the JDK column shows what our wrapping costs.
 * Goal: ≥0.75× libcrypto at ≤1 KiB, ≥0.85× at ≥16 KiB.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class AesGcmBenchmark {
  /** Plaintext bytes per message. */
  @Param({"64", "1024", "16384", "1048576"})
  public int size;

  private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

  private byte[] plaintext;
  private Aead aead;
  private Cipher jdk;
  private SecretKeySpec jdkKey;
  private byte[] jdkOut;
  private long counter;

  /** One key for the whole run; random plaintext of the size under test. */
  @Setup
  public void setUp() throws GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    plaintext = new byte[size];
    random.nextBytes(plaintext);
    AeadKey key = AeadKey.generate(AeadAlgorithm.AES256_GCM);
    aead = key.aead();
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    jdkKey = new SecretKeySpec(raw, "AES");
    jdk = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
    jdkOut = new byte[size + 16];
    warmUpCompiledPaths();
  }

  /**
   * The JDK's AES, GHASH, ChaCha20 intrinsics are C2-only: a caller is compiled by C2 after
   * thousands of calls, which at 1 MiB per call takes minutes, far longer than the warm-up. A
   * long-running process has long compiled these paths with messages of every size, so the trial
   * starts as one would: many small messages through the same objects, then the size under test.
   */
  private void warmUpCompiledPaths() throws GeneralSecurityException {
    byte[] measured = plaintext;
    byte[] small = new byte[Math.min(size, 256)];
    try {
      for (int i = 0; i < 20_000; i++) {
        plaintext = i % 1000 == 999 ? measured : small;
        bulwarkEncrypt();
        jdkEncrypt();
      }
    } catch (CryptoException e) {
      throw new IllegalStateException("warm-up failed", e);
    } finally {
      plaintext = measured;
    }
  }

  /** Ours: one message through the public API. */
  @Benchmark
  public byte[] bulwarkEncrypt() throws CryptoException {
    return aead.encrypt(plaintext, NO_ASSOCIATED_DATA);
  }

  /** The JDK: cached Cipher, fresh 12-byte counter nonce, preallocated output. */
  @Benchmark
  public int jdkEncrypt() throws GeneralSecurityException {
    byte[] nonce = ByteBuffer.allocate(12).putLong(4, ++counter).array();
    jdk.init(Cipher.ENCRYPT_MODE, jdkKey, new GCMParameterSpec(128, nonce));
    return jdk.doFinal(plaintext, 0, plaintext.length, jdkOut, 0);
  }
}
