package dev.bulwark.bench.aead;

import dev.bulwark.crypto.aead.AeadAlgorithm;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import org.openjdk.jmh.annotations.Param;

/**
 * ChaCha20-Poly1305. Bars (PERF-TARGETS.md): libcrypto (the C harness) and PyCA. Goal: never
 * below PyCA; stretch ≥0.35× libcrypto at ≥16 KiB. The JDK has no Poly1305 intrinsic without
 * AVX-512, so this is expected to trail AES-GCM by far on AVX2 machines.
 */
public class ChaCha20Poly1305Benchmark extends AeadBenchmarkBase {
  /** Plaintext bytes per message. */
  @Param({"1024", "16384"})
  public int size;

  @Override
  int size() {
    return size;
  }

  @Override
  AeadAlgorithm algorithm() {
    return AeadAlgorithm.CHACHA20_POLY1305;
  }

  @Override
  String jdkKeyAlgorithm() {
    return "ChaCha20";
  }

  @Override
  String jdkTransformation() {
    return "ChaCha20-Poly1305";
  }

  @Override
  AlgorithmParameterSpec jdkNonceSpec(byte[] nonce) {
    return new IvParameterSpec(nonce);
  }
}
