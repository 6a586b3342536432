package dev.bulwark.bench.kem;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.kem.KemAlgorithm;
import dev.bulwark.crypto.kem.KemEncapsulation;
import dev.bulwark.crypto.kem.KemPrivateKey;
import dev.bulwark.crypto.kem.KemPublicKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyFactory;
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
import javax.crypto.DecapsulateException;
import javax.crypto.KEM;

/**
 * ML-KEM-768 encapsulation and decapsulation through {@link KemPublicKey} / {@link KemPrivateKey},
 * against the JDK's {@code javax.crypto.KEM} (SunJCE) used directly. Goal (issue 3): ≥1.0× the JDK's.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MlKem768Benchmark {
  private KemPrivateKey ours;
  private KemPublicKey oursPublic;
  private byte[] oursCiphertext;
  private KEM.Encapsulator jdkEncapsulator;
  private KEM.Decapsulator jdkDecapsulator;
  private byte[] jdkCiphertext;

  /** One key pair for both sides and one ciphertext per side, made once. */
  @Setup
  public void setUp() throws GeneralSecurityException, CryptoException {
    ours = KemPrivateKey.generate(KemAlgorithm.ML_KEM_768);
    oursPublic = ours.publicKey();
    oursCiphertext = oursPublic.encapsulate().ciphertext();
    // The JDK side uses the very same key pair: ML-KEM's cost depends on the key (the matrix is
    // expanded from its seed by rejection sampling), so two independent keys differ slightly.
    KeyFactory factory = KeyFactory.getInstance("ML-KEM-768", "SunJCE");
    KeyPair pair =
        new KeyPair(
            factory.generatePublic(new X509EncodedKeySpec(oursPublic.exportSpki())),
            factory.generatePrivate(new PKCS8EncodedKeySpec(ours.insecureExportPkcs8())));
    KEM kem = KEM.getInstance("ML-KEM-768", "SunJCE");
    jdkEncapsulator = kem.newEncapsulator(pair.getPublic());
    jdkDecapsulator = kem.newDecapsulator(pair.getPrivate());
    jdkCiphertext = jdkEncapsulator.encapsulate().encapsulation();
  }

  /** Ours: encapsulate to a public key (the shared secret and the ciphertext). */
  @Benchmark
  public KemEncapsulation bulwarkEncapsulate() throws CryptoException {
    return oursPublic.encapsulate();
  }

  /** Ours: decapsulate one ciphertext. */
  @Benchmark
  public byte[] bulwarkDecapsulate() throws CryptoException {
    return ours.decapsulate(oursCiphertext);
  }

  /** The JDK: a cached Encapsulator. */
  @Benchmark
  public KEM.Encapsulated jdkEncapsulate() {
    return jdkEncapsulator.encapsulate();
  }

  /** The JDK: a cached Decapsulator, the raw shared secret. */
  @Benchmark
  public byte[] jdkDecapsulate() throws DecapsulateException {
    return jdkDecapsulator.decapsulate(jdkCiphertext).getEncoded();
  }
}
