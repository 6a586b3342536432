package dev.bulwark.bench.signature;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.signature.PublicKeySign;
import dev.bulwark.crypto.signature.PublicKeyVerify;
import dev.bulwark.crypto.signature.SignatureAlgorithm;
import dev.bulwark.crypto.signature.SigningKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
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
 * Sign and verify of a 64-byte message through {@link PublicKeySign} / {@link PublicKeyVerify},
 * against the same algorithm called directly on a JDK provider, for each algorithm subclass (JMH
 * names each benchmark after the subclass).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public abstract class SignatureBenchmarkBase {
  private byte[] message;
  private PublicKeySign signer;
  private PublicKeyVerify verifier;
  private byte[] signature;
  private Signature jdkSign;
  private Signature jdkVerify;
  private KeyPair jdkPair;
  private byte[] jdkSignature;

  /** The algorithm as our API names it. */
  abstract SignatureAlgorithm algorithm();

  /** The JCA algorithm name of the JDK baseline. */
  abstract String jdkAlgorithm();

  /** The JDK provider of the baseline, named explicitly. */
  abstract String jdkProvider();

  /** One key pair for both sides, and one signature per side, made once; the measured calls reuse them. */
  @Setup
  public void setUp() throws GeneralSecurityException, CryptoException {
    message = new byte[64];
    new SecureRandom().nextBytes(message);
    SigningKey key = SigningKey.generate(algorithm());
    signer = key.signer();
    verifier = key.verifyingKey().verifier();
    signature = signer.sign(message);
    // The JDK side uses the very same key pair: ML-DSA's cost depends on the key (the matrix is
    // expanded from it by rejection sampling, and signing's rejection loop depends on key and
    // message), which made two independently generated keys differ by a few per cent either way.
    KeyFactory factory = KeyFactory.getInstance(jdkAlgorithm(), jdkProvider());
    jdkPair =
        new KeyPair(
            factory.generatePublic(new X509EncodedKeySpec(key.verifyingKey().exportSpki())),
            factory.generatePrivate(new PKCS8EncodedKeySpec(key.insecureExportPkcs8())));
    jdkSign = Signature.getInstance(jdkAlgorithm(), jdkProvider());
    jdkVerify = Signature.getInstance(jdkAlgorithm(), jdkProvider());
    jdkSign.initSign(jdkPair.getPrivate());
    jdkSign.update(message);
    jdkSignature = jdkSign.sign();
  }

  /** Ours: sign. */
  @Benchmark
  public byte[] bulwarkSign() throws CryptoException {
    return signer.sign(message);
  }

  /** Ours: verify (throws if the signature did not verify, which would end the run). */
  @Benchmark
  public void bulwarkVerify() throws CryptoException {
    verifier.verify(signature, message);
  }

  /** The JDK: sign with a cached Signature. */
  @Benchmark
  public byte[] jdkSign() throws GeneralSecurityException {
    jdkSign.initSign(jdkPair.getPrivate());
    jdkSign.update(message);
    return jdkSign.sign();
  }

  /** The JDK: verify with a cached Signature. */
  @Benchmark
  public boolean jdkVerify() throws GeneralSecurityException {
    jdkVerify.initVerify(jdkPair.getPublic());
    jdkVerify.update(message);
    if (!jdkVerify.verify(jdkSignature)) {
      throw new IllegalStateException("the JDK rejected its own signature");
    }
    return true;
  }
}
