package dev.bulwark.bench.signature;

import dev.bulwark.crypto.signature.SignatureAlgorithm;

/**
 * ML-DSA-65 against the JDK's SUN provider used directly (the bar: goal ≥1.0× the JDK's; our API
 * composes that same provider, so this measures the cost of the wrapping).
 */
public class MlDsa65Benchmark extends SignatureBenchmarkBase {
  @Override
  SignatureAlgorithm algorithm() {
    return SignatureAlgorithm.ML_DSA_65;
  }

  @Override
  String jdkAlgorithm() {
    return "ML-DSA-65";
  }

  @Override
  String jdkProvider() {
    return "SUN";
  }
}
