package dev.bulwark.bench.aead;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.Aead;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.aead.BufferAead;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
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
 * Encryption of one message through our API in its two shapes, against the JDK's {@code Cipher},
 * for each algorithm subclass (JMH names each benchmark after the subclass; each subclass declares
 * its own message sizes). The rows, by API shape:
 *
 * <ul>
 *   <li>{@link #bulwarkEncrypt}: {@link Aead#encrypt(byte[], byte[])}, a new output array per
 *       message;
 *   <li>{@link #bulwarkEncryptInto}: {@link BufferAead#encrypt(byte[], byte[], byte[], int)} into
 *       one output buffer reused for every message (the shape of the libcrypto bar);
 *   <li>{@link #jdkEncrypt}: {@code Cipher} reused, counter nonce, reused output buffer;
 *   <li>{@link #jdkEncryptFreshOutput}: the same, but a new output array per message.
 * </ul>
 *
 * <p>Both of our rows draw a fresh random nonce per message and count it against the key's message
 * limit; the JDK rows use a counter nonce (cheaper, and what libcrypto's harness does too).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public abstract class AeadBenchmarkBase {
  private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

  private byte[] plaintext;
  private BufferAead aead;
  private byte[] ourOut;
  private Cipher jdk;
  private SecretKeySpec jdkKey;
  private byte[] jdkOut;
  private long counter;

  /** Plaintext bytes per message (the subclass's {@code @Param}). */
  abstract int size();

  /** The algorithm as our API names it. */
  abstract AeadAlgorithm algorithm();

  /** The JCA key algorithm of the JDK baseline ("AES", "ChaCha20"). */
  abstract String jdkKeyAlgorithm();

  /** The JCA transformation of the JDK baseline, from SunJCE. */
  abstract String jdkTransformation();

  /** The JDK parameter spec carrying a 12-byte nonce. */
  abstract AlgorithmParameterSpec jdkNonceSpec(byte[] nonce);

  /** One key for the whole run; random plaintext of the size under test. */
  @Setup
  public void setUp() throws GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    plaintext = new byte[size()];
    random.nextBytes(plaintext);
    AeadKey key = AeadKey.generate(algorithm());
    aead = key.aead();
    ourOut = new byte[aead.ciphertextLength(size())];
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    jdkKey = new SecretKeySpec(raw, jdkKeyAlgorithm());
    jdk = Cipher.getInstance(jdkTransformation(), "SunJCE");
    jdkOut = new byte[size() + 16];
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
    byte[] small = new byte[Math.min(size(), 256)];
    try {
      for (int i = 0; i < 20_000; i++) {
        plaintext = i % 1000 == 999 ? measured : small;
        bulwarkEncrypt();
        bulwarkEncryptInto();
        jdkEncrypt();
        jdkEncryptFreshOutput();
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

  /**
   * Ours, buffer shape: one message into a buffer reused for every message, as the libcrypto bar
   * and {@link #jdkEncrypt} write. Same random nonce and message budget as {@link #bulwarkEncrypt}.
   */
  @Benchmark
  public int bulwarkEncryptInto() throws CryptoException {
    return aead.encrypt(plaintext, NO_ASSOCIATED_DATA, ourOut, 0);
  }

  /** The JDK: cached Cipher, fresh 12-byte counter nonce, preallocated output. */
  @Benchmark
  public int jdkEncrypt() throws GeneralSecurityException {
    byte[] nonce = ByteBuffer.allocate(12).putLong(4, ++counter).array();
    jdk.init(Cipher.ENCRYPT_MODE, jdkKey, jdkNonceSpec(nonce));
    return jdk.doFinal(plaintext, 0, plaintext.length, jdkOut, 0);
  }

  /**
   * The JDK as {@link #jdkEncrypt} but returning a new array per message, as {@code Aead.encrypt} (or
   * {@code Cipher.doFinal(byte[])}) must. From 16 KiB up, allocating and first touching that array
   * costs more than encrypting into a buffer that stays in cache, so this, not {@link #jdkEncrypt},
   * is the JDK figure that isolates what our wrapper itself adds (the random nonce, the budget).
   */
  @Benchmark
  public byte[] jdkEncryptFreshOutput() throws GeneralSecurityException {
    byte[] nonce = ByteBuffer.allocate(12).putLong(4, ++counter).array();
    jdk.init(Cipher.ENCRYPT_MODE, jdkKey, jdkNonceSpec(nonce));
    return jdk.doFinal(plaintext);
  }
}
