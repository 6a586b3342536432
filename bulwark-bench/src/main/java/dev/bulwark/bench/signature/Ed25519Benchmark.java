package dev.bulwark.bench.signature;

import dev.bulwark.crypto.signature.SignatureAlgorithm;

/**
 * Ed25519, ours (Bouncy Castle behind our API) against the JDK's own SunEC Ed25519 (for contrast: it
 * has no field-arithmetic intrinsic without AVX-512). Bar (PERF-TARGETS.md): libcrypto (the C
 * harness); goal ≥1.0×.
 */
public class Ed25519Benchmark extends SignatureBenchmarkBase {
  @Override
  SignatureAlgorithm algorithm() {
    return SignatureAlgorithm.ED25519;
  }

  @Override
  String jdkAlgorithm() {
    return "Ed25519";
  }

  @Override
  String jdkProvider() {
    return "SunEC";
  }
}
