package dev.bulwark.crypto.fernet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class FernetTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private final FernetKey key = FernetKey.generate(new SecureRandom());

  private Fernet at(Instant now) {
    return Fernet.create(key, Clock.fixed(now, ZoneOffset.UTC), new SecureRandom());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void roundTrip_everyLengthAroundBlockBoundaries_returnsPlaintext() throws Exception {
    Fernet fernet = Fernet.create(key);
    SecureRandom random = new SecureRandom();
    for (int length : new int[] {0, 1, 15, 16, 17, 31, 32, 33, 255, 1024, 65_536}) {
      byte[] plaintext = new byte[length];
      random.nextBytes(plaintext);
      String token = fernet.encrypt(plaintext);
      assertThat(Base64.getUrlDecoder().decode(token)).hasSize(57 + (length / 16 + 1) * 16);
      assertThat(fernet.decrypt(token)).as("length %d", length).isEqualTo(plaintext);
    }
  }

  @Test
  void encrypt_usesFreshIvEachTime() {
    Fernet fernet = at(T0);
    assertThat(fernet.encrypt(utf8("same"))).isNotEqualTo(fernet.encrypt(utf8("same")));
  }

  @Test
  void encrypt_recordsClockSecond_andExtractTimestampReturnsIt() throws Exception {
    String token = at(T0.plusMillis(999)).encrypt(utf8("x"));
    assertThat(at(T0.plusSeconds(100_000)).extractTimestamp(token)).isEqualTo(T0);
  }

  @Test
  void ttl_tokenExactlyTtlOld_isAccepted_oneSecondMore_isExpired() throws Exception {
    String token = at(T0).encrypt(utf8("hi"));
    assertThat(at(T0.plusSeconds(60)).decrypt(token, Duration.ofSeconds(60))).isEqualTo(utf8("hi"));
    assertThatThrownBy(() -> at(T0.plusSeconds(61)).decrypt(token, Duration.ofSeconds(60)))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("expired");
    assertThat(at(T0.plusSeconds(86_400 * 365)).decrypt(token)).as("no TTL, no age check").isEqualTo(utf8("hi"));
  }

  @Test
  void ttlZero_acceptsOnlyTheSameSecond() throws Exception {
    String token = at(T0).encrypt(utf8("hi"));
    assertThat(at(T0.plusMillis(999)).decrypt(token, Duration.ZERO)).isEqualTo(utf8("hi"));
    assertThatThrownBy(() -> at(T0.plusSeconds(1)).decrypt(token, Duration.ZERO)).isInstanceOf(CryptoException.class);
  }

  @Test
  void clockSkew_60SecondsAhead_isAccepted_61_isRejected() throws Exception {
    String token = at(T0).encrypt(utf8("hi"));
    assertThat(at(T0.minusSeconds(60)).decrypt(token, Duration.ofSeconds(10))).isEqualTo(utf8("hi"));
    assertThatThrownBy(() -> at(T0.minusSeconds(61)).decrypt(token, Duration.ofSeconds(10)))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("future");
    assertThat(at(T0.minusSeconds(3600)).decrypt(token)).as("like PyCA: no TTL, no time check").isEqualTo(utf8("hi"));
  }

  @Test
  void negativeTtl_isApiMisuse() {
    String token = at(T0).encrypt(utf8("hi"));
    assertThatThrownBy(() -> at(T0).decrypt(token, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tamperingAnyBitOfAnyByte_isRejected() {
    Fernet fernet = at(T0);
    byte[] raw = Base64.getUrlDecoder().decode(fernet.encrypt(utf8("attack at dawn, 17 bytes+")));
    for (int i = 0; i < raw.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] tampered = raw.clone();
        tampered[i] ^= (byte) (1 << bit);
        String forged = Base64.getUrlEncoder().encodeToString(tampered);
        assertThatThrownBy(() -> fernet.decrypt(forged)).as("byte %d bit %d", i, bit).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> fernet.extractTimestamp(forged)).isInstanceOf(CryptoException.class);
      }
    }
  }

  @Test
  void changingAnyCharacterOfTheText_isRejected() {
    Fernet fernet = at(T0);
    String token = fernet.encrypt(utf8("hello"));
    for (int i = 0; i < token.length(); i++) {
      for (char c : (ALPHABET + "=+/ .%").toCharArray()) {
        if (c == token.charAt(i)) {
          continue;
        }
        String forged = token.substring(0, i) + c + token.substring(i + 1);
        assertThatThrownBy(() -> fernet.decrypt(forged)).as("position %d char %s", i, c).isInstanceOf(CryptoException.class);
      }
    }
  }

  @Test
  void everyTruncationAndExtension_isRejected() {
    Fernet fernet = at(T0);
    String token = fernet.encrypt(utf8("hello"));
    byte[] raw = Base64.getUrlDecoder().decode(token);
    for (int length = 0; length < raw.length; length++) {
      String truncated = Base64.getUrlEncoder().encodeToString(java.util.Arrays.copyOf(raw, length));
      assertThatThrownBy(() -> fernet.decrypt(truncated)).as("%d bytes", length).isInstanceOf(CryptoException.class);
    }
    for (String extended : List.of(token + "AAAA", token + "\n", " " + token, token.replace("=", ""))) {
      assertThatThrownBy(() -> fernet.decrypt(extended)).isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void wrongKey_isRejected_withTheGenericMessage() {
    String token = at(T0).encrypt(utf8("secret"));
    Fernet other = Fernet.create(FernetKey.generate());
    assertThatThrownBy(() -> other.decrypt(token)).isInstanceOf(CryptoException.class).hasMessage("invalid Fernet token");
    assertThatThrownBy(() -> other.extractTimestamp(token)).isInstanceOf(CryptoException.class);
  }

  @Test
  void authenticTokenWithAnotherVersionByte_isRejected() throws Exception {
    byte[] raw = Base64.getUrlDecoder().decode(at(T0).encrypt(utf8("v")));
    raw[0] = (byte) 0x81;
    byte[] material = Base64.getUrlDecoder().decode(key.insecureExportBase64());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(material, 0, 16, "HmacSHA256"));
    mac.update(raw, 0, raw.length - 32);
    mac.doFinal(raw, raw.length - 32);
    String forged = Base64.getUrlEncoder().encodeToString(raw);
    assertThatThrownBy(() -> at(T0).decrypt(forged)).isInstanceOf(CryptoException.class).hasMessage("invalid Fernet token");
  }

  @Test
  void badPaddingUnderAValidMac_givesTheSameMessageAsABadMac() throws Exception {
    // A key holder's mistake (wrong padding) must look exactly like tampering: no padding oracle.
    byte[] material = Base64.getUrlDecoder().decode(key.insecureExportBase64());
    byte[] raw = new byte[57 + 16];
    raw[0] = (byte) 0x80;
    javax.crypto.Cipher ecb = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding");
    ecb.init(javax.crypto.Cipher.ENCRYPT_MODE, new SecretKeySpec(material, 16, 16, "AES"),
        new javax.crypto.spec.IvParameterSpec(new byte[16]));
    byte[] block = new byte[16]; // last byte 0: invalid PKCS#7
    ecb.doFinal(block, 0, 16, raw, 25);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(material, 0, 16, "HmacSHA256"));
    mac.update(raw, 0, 41);
    mac.doFinal(raw, 41);
    String badPadding = Base64.getUrlEncoder().encodeToString(raw);
    raw[41] ^= 1;
    String badMac = Base64.getUrlEncoder().encodeToString(raw);
    Fernet fernet = at(T0);
    assertThatThrownBy(() -> fernet.decrypt(badPadding)).isInstanceOf(CryptoException.class).hasMessage("invalid Fernet token");
    assertThatThrownBy(() -> fernet.decrypt(badMac)).isInstanceOf(CryptoException.class).hasMessage("invalid Fernet token");
  }

  @Test
  void nonCanonicalBase64_isRejected() {
    Fernet fernet = at(T0);
    // 73-byte token: 100 characters ending "==", so the last data character carries 4 unused bits.
    String token = fernet.encrypt(new byte[0]);
    assertThat(token).endsWith("==");
    int lastData = token.length() - 3;
    int value = ALPHABET.indexOf(token.charAt(lastData));
    String nonCanonical = token.substring(0, lastData) + ALPHABET.charAt(value | 1) + "==";
    assertThat(nonCanonical).isNotEqualTo(token);
    assertThat(Base64.getUrlDecoder().decode(nonCanonical)).as("the JDK decoder accepts it").isEqualTo(Base64.getUrlDecoder().decode(token));
    assertThatThrownBy(() -> fernet.decrypt(nonCanonical)).isInstanceOf(CryptoException.class);
  }

  @Test
  void oversizedInput_isRejectedBeforeDecoding_andOversizedPlaintextIsMisuse() {
    Fernet fernet = at(T0);
    String huge = "A".repeat(FernetCodec.MAX_TOKEN_CHARS + 4);
    assertThatThrownBy(() -> fernet.decrypt(huge)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> fernet.encrypt(new byte[Fernet.MAX_PLAINTEXT_BYTES + 1])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void largestPlaintext_roundTrips() throws Exception {
    Fernet fernet = at(T0);
    byte[] plaintext = new byte[Fernet.MAX_PLAINTEXT_BYTES];
    plaintext[plaintext.length - 1] = 7;
    String token = fernet.encrypt(plaintext);
    assertThat(token.length()).isLessThanOrEqualTo(FernetCodec.MAX_TOKEN_CHARS);
    assertThat(fernet.decrypt(token)).isEqualTo(plaintext);
  }

  @Test
  void destroyedKey_refusesUse() {
    FernetKey doomed = FernetKey.generate();
    Fernet fernet = Fernet.create(doomed);
    doomed.destroy();
    assertThat(doomed.isDestroyed()).isTrue();
    assertThatThrownBy(() -> fernet.encrypt(utf8("x"))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void concurrentUse_fromManyThreads_staysCorrect() throws Exception {
    Fernet fernet = Fernet.create(key);
    Fernet other = Fernet.create(FernetKey.generate());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int id = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 300; i++) {
            byte[] message = utf8("thread " + id + " message " + i);
            Fernet mine = (i % 2 == 0) ? fernet : other;
            if (!java.util.Arrays.equals(mine.decrypt(mine.encrypt(message)), message)) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void toString_neverShowsKeyMaterial() {
    String exported = key.insecureExportBase64();
    assertThat(key.toString()).doesNotContain(exported.substring(0, 8));
    assertThat(Fernet.create(key).toString()).doesNotContain(exported.substring(0, 8));
  }
}
