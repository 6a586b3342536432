package dev.bulwark.crypto.fernet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.testkit.Requirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every vector of the fernet/spec repository (generate.json, verify.json, invalid.json). */
class FernetSpecVectorsTest {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /** One record of fernet/spec {@code generate.json}. */
  record SpecGenerateVector(String token, String now, int[] iv, String src, String secret) {}

  /** One record of fernet/spec {@code verify.json}. */
  record SpecVerifyVector(String token, String now, long ttl_sec, String src, String secret) {}

  /** One record of fernet/spec {@code invalid.json}. */
  record SpecInvalidVector(String desc, String token, String now, long ttl_sec, String secret) {}

  private static <T> List<T> load(String file, Class<T[]> type) throws IOException {
    Path path = Requirements.vectors("fernet/" + file);
    return List.of(MAPPER.readValue(path.toFile(), type));
  }

  private static Clock at(String rfc3339) {
    return Clock.fixed(OffsetDateTime.parse(rfc3339).toInstant(), ZoneOffset.UTC);
  }

  @Test
  void generateVectors_produceExactlyTheSpecToken() throws Exception {
    List<SpecGenerateVector> vectors = load("generate.json", SpecGenerateVector[].class);
    assertThat(vectors).isNotEmpty();
    for (SpecGenerateVector v : vectors) {
      byte[] iv = new byte[v.iv().length];
      for (int i = 0; i < iv.length; i++) {
        iv[i] = (byte) v.iv()[i];
      }
      Fernet fernet = Fernet.create(FernetKey.parse(v.secret()), at(v.now()), new FixedRandom(iv));
      assertThat(fernet.encrypt(v.src().getBytes(StandardCharsets.UTF_8))).as(v.src()).isEqualTo(v.token());
    }
  }

  @Test
  void verifyVectors_decryptToTheSpecMessage() throws Exception {
    List<SpecVerifyVector> vectors = load("verify.json", SpecVerifyVector[].class);
    assertThat(vectors).isNotEmpty();
    for (SpecVerifyVector v : vectors) {
      Fernet fernet = Fernet.create(FernetKey.parse(v.secret()), at(v.now()), new FixedRandom(new byte[] {0}));
      byte[] plaintext = fernet.decrypt(v.token(), Duration.ofSeconds(v.ttl_sec()));
      assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(v.src());
      java.time.Instant now = at(v.now()).instant();
      assertThat(fernet.extractTimestamp(v.token())).isBetween(now.minusSeconds(v.ttl_sec()), now);
    }
  }

  @Test
  void invalidVectors_areAllRejectedWithoutEchoingTheToken() throws Exception {
    List<SpecInvalidVector> vectors = load("invalid.json", SpecInvalidVector[].class);
    assertThat(vectors).hasSize(8);
    for (SpecInvalidVector v : vectors) {
      Fernet fernet = Fernet.create(FernetKey.parse(v.secret()), at(v.now()), new FixedRandom(new byte[] {0}));
      assertThatThrownBy(() -> fernet.decrypt(v.token(), Duration.ofSeconds(v.ttl_sec())))
          .as(v.desc())
          .isInstanceOf(CryptoException.class)
          .message()
          .doesNotContain(v.token())
          .doesNotContain(v.secret());
      assertThatThrownBy(() -> MultiFernet.of(List.of(fernet)).decrypt(v.token(), Duration.ofSeconds(v.ttl_sec())))
          .as("MultiFernet: " + v.desc())
          .isInstanceOf(CryptoException.class);
    }
  }
}
