package dev.bulwark.bench.agreement;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.agreement.AgreementPrivateKey;
import dev.bulwark.crypto.agreement.AgreementPublicKey;
import dev.bulwark.crypto.agreement.KeyAgreementAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
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
import javax.crypto.KeyAgreement;

/**
 * One X25519 shared-secret computation (fixed private key, fixed peer) through
 * {@link AgreementPrivateKey#agree}, against the JDK's {@code KeyAgreement("X25519")}. Bar
 * (PERF-TARGETS.md): libcrypto's EVP_PKEY_derive (the C harness); goal ≥0.4×.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class X25519Benchmark {
  private AgreementPrivateKey ours;
  private AgreementPublicKey peer;
  private KeyAgreement jdk;
  private KeyPair jdkPair;
  private PublicKey jdkPeer;

  /** Key pairs generated once; only the agreement is measured. */
  @Setup
  public void setUp() throws GeneralSecurityException {
    ours = AgreementPrivateKey.generate(KeyAgreementAlgorithm.X25519);
    peer = AgreementPrivateKey.generate(KeyAgreementAlgorithm.X25519).publicKey();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519", "SunEC");
    jdkPair = generator.generateKeyPair();
    jdkPeer = generator.generateKeyPair().getPublic();
    jdk = KeyAgreement.getInstance("X25519", "SunEC");
  }

  /** Ours: one shared secret. */
  @Benchmark
  public byte[] bulwarkAgree() throws CryptoException {
    return ours.agree(peer);
  }

  /** The JDK: cached KeyAgreement, one shared secret. */
  @Benchmark
  public byte[] jdkAgree() throws GeneralSecurityException {
    jdk.init(jdkPair.getPrivate());
    jdk.doPhase(jdkPeer, true);
    return jdk.generateSecret();
  }
}
