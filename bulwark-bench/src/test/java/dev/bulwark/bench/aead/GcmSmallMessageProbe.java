package dev.bulwark.bench.aead;

import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.aead.BufferAead;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.modes.gcm.Tables64kGCMMultiplier;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.prng.SP800SecureRandomBuilder;

/**
 * Issue 3 probe (2026-12-03), not a test and not run by the build: per-thread CPU time of one
 * AES-256-GCM seal of a small message through the JDK's {@code Cipher} (reused, counter nonce), Bouncy
 * Castle's {@code GCMBlockCipher} (key schedule and GHASH tables kept, re-initialised with a null key
 * and a counter nonce), and our {@code BufferAead}, plus the nonce sources, interleaved round robin so
 * that load drifts hit every row alike. On a shared machine wall-clock figures are useless; thread CPU
 * time is not. Usage: {@code java -cp ... dev.bulwark.bench.aead.GcmSmallMessageProbe [rounds]}.
 */
public final class GcmSmallMessageProbe {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static long sink;

  interface Op {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 25;
    int[] sizes = {64, 256, 1024};
    checkSameOutput();
    byte[] keyBytes = new byte[32];
    new SecureRandom().nextBytes(keyBytes);
    Map<String, Op> ops = new LinkedHashMap<>();
    for (int size : sizes) {
      byte[] pt = new byte[size];
      byte[] out = new byte[size + 28];
      // JDK Cipher reused, counter nonce, same SecretKeySpec object.
      Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
      SecretKeySpec key = new SecretKeySpec(keyBytes, "AES");
      CounterNonce nonce = new CounterNonce(0);
      ops.put("jdk " + size, () -> {
        jdk.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce.next()));
        sink += jdk.doFinal(pt, 0, size, out, 0);
      });
      // The JDK with a new SecretKeySpec of the same bytes per message (does the same object help?).
      CounterNonce nonce2 = new CounterNonce(1L << 43);
      ops.put("jdk freshKeySpec " + size, () -> {
        SecretKeySpec fresh = new SecretKeySpec(keyBytes, "AES");
        jdk.init(Cipher.ENCRYPT_MODE, fresh, new GCMParameterSpec(128, nonce2.next()));
        sink += jdk.doFinal(pt, 0, size, out, 0);
      });
      // The JDK's init alone (no doFinal): the per-message set-up our wrapper cannot avoid.
      Cipher jdkInit = Cipher.getInstance("AES/GCM/NoPadding");
      CounterNonce nonce3 = new CounterNonce(1L << 44);
      ops.put("jdk init only " + size,
          () -> jdkInit.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce3.next())));
      // Bouncy Castle, default (4 KiB table) multiplier, key kept: init with a null key.
      ops.put("bc4k " + size,
          bcSeal(GCMBlockCipher.newInstance(AESEngine.newInstance()), keyBytes, null, pt, out, 1L << 40));
      GCMModeCipher withBigTables = GCMBlockCipher.newInstance(AESEngine.newInstance(), new Tables64kGCMMultiplier());
      ops.put("bc64k " + size, bcSeal(withBigTables, keyBytes, null, pt, out, 1L << 41));
      // Bouncy Castle with the key given again every message (the GHASH table rebuilt): what not to do.
      KeyParameter everyMessage = new KeyParameter(keyBytes);
      ops.put("bcRekey " + size,
          bcSeal(GCMBlockCipher.newInstance(AESEngine.newInstance()), keyBytes, everyMessage, pt, out, 1L << 42));
      BufferAead ours = AeadKey.insecureFromBytes(AeadAlgorithm.AES256_GCM, keyBytes).aead();
      byte[] ourOut = new byte[ours.ciphertextLength(size)];
      byte[] noAd = new byte[0];
      ops.put("ours-into " + size, () -> sink += ours.encrypt(pt, noAd, ourOut, 0));
      ops.put("ours-array " + size, () -> sink += ours.encrypt(pt, noAd).length);
    }
    // Nonce sources: 12 bytes per call.
    byte[] n12 = new byte[12];
    SecureRandom jdkDrbg = jdkDrbg();
    ops.put("nonce jdkDrbg direct 12B", () -> {
      jdkDrbg.nextBytes(n12);
      sink += n12[0];
    });
    // What NonceSource's stripe does (the package is not exported to this module); measured against
    // NonceSource.fill itself on the classpath, the two agreed within 3 ns.
    Block locked = new Block(jdkDrbg(), 4096, true);
    ops.put("nonce jdkDrbg 4K block, lock", () -> locked.take(n12));
    Block unlocked = new Block(jdkDrbg(), 4096, false);
    ops.put("nonce jdkDrbg 4K block, no lock", () -> unlocked.take(n12));
    Block big = new Block(jdkDrbg(), 65536, true);
    ops.put("nonce jdkDrbg 64K block, lock", () -> big.take(n12));
    Object monitor = new Object();
    Block syncBlock = new Block(jdkDrbg(), 4096, false);
    ops.put("nonce jdkDrbg 4K block, synchronized", () -> {
      synchronized (monitor) {
        syncBlock.take(n12);
      }
    });
    ThreadLocal<Block> perThread = ThreadLocal.withInitial(() -> new Block(jdkDrbg(), 4096, false));
    ops.put("nonce jdkDrbg 4K per-thread", () -> perThread.get().take(n12));
    SecureRandom bcCtrDrbg = new SP800SecureRandomBuilder(new SecureRandom(), false)
        .setPersonalizationString("probe".getBytes(StandardCharsets.US_ASCII))
        .buildCTR(AESEngine.newInstance(), 256, new byte[16], false);
    Block bcCtrBlock = new Block(bcCtrDrbg, 4096, true);
    ops.put("nonce bcCtrDrbg(AES-256) 4K block, lock", () -> bcCtrBlock.take(n12));
    SecureRandom bcHashDrbg = new SP800SecureRandomBuilder(new SecureRandom(), false)
        .setPersonalizationString("probe".getBytes(StandardCharsets.US_ASCII))
        .buildHash(new org.bouncycastle.crypto.digests.SHA512Digest(), new byte[16], false);
    Block bcHashBlock = new Block(bcHashDrbg, 4096, true);
    ops.put("nonce bcHashDrbg(SHA-512) 4K block, lock", () -> bcHashBlock.take(n12));

    // Warm-up: enough calls for C2 to compile every path.
    for (Op op : ops.values()) {
      for (int i = 0; i < 30_000; i++) {
        op.run();
      }
    }
    Map<String, List<Double>> results = new LinkedHashMap<>();
    for (String name : ops.keySet()) {
      results.put(name, new ArrayList<>());
    }
    Map<String, long[]> totals = new LinkedHashMap<>();
    for (String name : ops.keySet()) {
      totals.put(name, new long[2]);
    }
    for (int r = 0; r < rounds; r++) {
      for (Map.Entry<String, Op> e : ops.entrySet()) {
        Op op = e.getValue();
        int n = 2_046; // a multiple of 341, the 12-byte nonces in a 4 KiB block
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
          op.run();
        }
        long t1 = THREADS.getCurrentThreadCpuTime();
        results.get(e.getKey()).add((t1 - t0) / (double) n);
        totals.get(e.getKey())[0] += t1 - t0;
        totals.get(e.getKey())[1] += n;
      }
    }
    for (Map.Entry<String, List<Double>> e : results.entrySet()) {
      double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
      long[] t = totals.get(e.getKey());
      System.out.printf("%-42s median %8.1f ns  [p25 %8.1f  p75 %8.1f]  mean %8.1f%n",
          e.getKey(), v[v.length / 2], v[v.length / 4], v[(3 * v.length) / 4], t[0] / (double) t[1]);
    }
    System.out.println("sink " + (sink & 1));
  }

  /** Both engines must produce the same bytes, or the timing compares different work. */
  private static void checkSameOutput() throws Exception {
    byte[] k = new byte[32];
    byte[] n = new byte[12];
    byte[] pt = new byte[100];
    new SecureRandom().nextBytes(k);
    new SecureRandom().nextBytes(n);
    Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
    jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new GCMParameterSpec(128, n));
    byte[] a = jdk.doFinal(pt);
    GCMModeCipher bc = GCMBlockCipher.newInstance(AESEngine.newInstance());
    bc.init(true, new AEADParameters(new KeyParameter(k), 128, n));
    byte[] b = new byte[bc.getOutputSize(pt.length)];
    bc.doFinal(b, bc.processBytes(pt, 0, pt.length, b, 0));
    if (!Arrays.equals(a, b)) {
      throw new AssertionError("JDK and Bouncy Castle disagree");
    }
    System.out.println("same output; Bouncy Castle AES engine: " + AESEngine.newInstance().getClass().getName()
        + ", GCM: " + bc.getClass().getName());
  }

  /**
   * A Bouncy Castle seal of {@code pt} into {@code out}: the cipher is keyed once here, then per
   * message initialised with {@code perMessageKey} (null: keep the key schedule and GHASH tables).
   */
  private static Op bcSeal(
      GCMModeCipher cipher, byte[] keyBytes, KeyParameter perMessageKey, byte[] pt, byte[] out, long start) {
    cipher.init(true, new AEADParameters(new KeyParameter(keyBytes), 128, new byte[12]));
    CounterNonce nonce = new CounterNonce(start);
    return () -> {
      cipher.init(true, new AEADParameters(perMessageKey, 128, nonce.next()));
      int n = cipher.processBytes(pt, 0, pt.length, out, 0);
      sink += cipher.doFinal(out, n);
    };
  }

  /** A 12-byte big-endian counter nonce (the libcrypto harness's nonce), a distinct range per row. */
  static final class CounterNonce {
    private final byte[] bytes = new byte[12];
    private long value;

    CounterNonce(long start) {
      this.value = start;
    }

    byte[] next() {
      value++;
      for (int i = 0; i < 8; i++) {
        bytes[11 - i] = (byte) (value >>> (8 * i));
      }
      return bytes;
    }
  }

  private static SecureRandom jdkDrbg() {
    try {
      return SecureRandom.getInstance("DRBG", DrbgParameters.instantiation(
          256, DrbgParameters.Capability.RESEED_ONLY, "probe".getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A DRBG block handed out 12 bytes at a time, as NonceSource's stripe does. */
  static final class Block {
    private final SecureRandom drbg;
    private final byte[] block;
    private final ReentrantLock lock;
    private int position;

    Block(SecureRandom drbg, int size, boolean locked) {
      this.drbg = drbg;
      this.block = new byte[size];
      this.position = size;
      this.lock = locked ? new ReentrantLock() : null;
    }

    void take(byte[] out) {
      if (lock != null) {
        lock.lock();
      }
      try {
        if (block.length - position < out.length) {
          drbg.nextBytes(block);
          position = 0;
        }
        System.arraycopy(block, position, out, 0, out.length);
        position += out.length;
        sink += out[0];
      } finally {
        if (lock != null) {
          lock.unlock();
        }
      }
    }
  }
}
