package dev.bulwark.auth.password.internal;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2 from Bouncy Castle's lightweight API: pure Java, runs wherever the JVM runs, and computes
 * the lanes one after another (so p = 4 costs four times p = 1 in wall time). The fallback when no
 * native library passes its self-test, and the reference the native self-tests compare against.
 *
 * <p>Thread-safe: every call builds its own generator.
 */
final class BouncyCastleArgon2 implements Argon2Engine {
  static final BouncyCastleArgon2 INSTANCE = new BouncyCastleArgon2();

  private BouncyCastleArgon2() {}

  @Override
  public boolean supports(Argon2Job job) {
    return true;
  }

  @Override
  public byte[] hash(Argon2Job job) {
    Argon2Parameters.Builder builder =
        new Argon2Parameters.Builder(job.type())
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(job.salt())
            .withMemoryAsKB(job.memoryKiB())
            .withIterations(job.iterations())
            .withParallelism(job.lanes());
    if (job.secret() != null) {
      builder.withSecret(job.secret());
    }
    if (job.associatedData() != null) {
      builder.withAdditional(job.associatedData());
    }
    Argon2Parameters parameters = builder.build();
    try {
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(parameters);
      byte[] out = new byte[job.outLen()];
      generator.generateBytes(job.password(), out);
      return out;
    } finally {
      parameters.clear();
    }
  }

  @Override
  public String description() {
    return "Bouncy Castle (pure Java)";
  }
}
