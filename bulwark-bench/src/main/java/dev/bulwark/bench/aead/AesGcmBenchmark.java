package dev.bulwark.bench.aead;

import dev.bulwark.crypto.aead.AeadAlgorithm;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.GCMParameterSpec;
import org.openjdk.jmh.annotations.Param;

/**
 * AES-256-GCM. The bar of PERF-TARGETS.md is libcrypto with the context reused
 * (bulwark-bench/native/aead_bench.c); the JDK column shows what our wrapping costs. Goal: ≥0.75×
 * libcrypto at ≤1 KiB, ≥0.85× at ≥16 KiB.
 */
public class AesGcmBenchmark extends AeadBenchmarkBase {
  /** Plaintext bytes per message. */
  @Param({"64", "1024", "16384", "1048576"})
  public int size;

  @Override
  int size() {
    return size;
  }

  @Override
  AeadAlgorithm algorithm() {
    return AeadAlgorithm.AES256_GCM;
  }

  @Override
  String jdkKeyAlgorithm() {
    return "AES";
  }

  @Override
  String jdkTransformation() {
    return "AES/GCM/NoPadding";
  }

  @Override
  AlgorithmParameterSpec jdkNonceSpec(byte[] nonce) {
    return new GCMParameterSpec(128, nonce);
  }
}
