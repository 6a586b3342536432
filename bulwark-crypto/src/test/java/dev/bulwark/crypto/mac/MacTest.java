package dev.bulwark.crypto.mac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.testkit.Wycheproof;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MacTest {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 4231 §4 test case: key and data as hex, HMAC-SHA-256 and HMAC-SHA-512 as hex (truncated in case 5). */
  record Rfc4231Case(int number, String keyHex, String dataHex, String sha256Hex, String sha512Hex, boolean truncated) {}

  private static String hex(String ascii) {
    return HEX.formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
  }

  private static final List<Rfc4231Case> RFC4231 =
      List.of(
          new Rfc4231Case(1, "0b".repeat(20), hex("Hi There"),
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
              "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                  + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854", false),
          new Rfc4231Case(3, "aa".repeat(20), "dd".repeat(50),
              "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
              "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
                  + "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb", false),
          new Rfc4231Case(4, "0102030405060708090a0b0c0d0e0f10111213141516171819", "cd".repeat(50),
              "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
              "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
                  + "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd", false),
          new Rfc4231Case(5, "0c".repeat(20), hex("Test With Truncation"),
              "a3b6167473100ee06e0c796c2955552b", "415fad6271580a531d4179bc891d87a6", true),
          new Rfc4231Case(6, "aa".repeat(131), hex("Test Using Larger Than Block-Size Key - Hash Key First"),
              "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
              "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
                  + "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598", false),
          new Rfc4231Case(7, "aa".repeat(131),
              hex("This is a test using a larger than block-size key and a larger than block-size data."
                  + " The key needs to be hashed before being used by the HMAC algorithm."),
              "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
              "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
                  + "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58", false));

  @Test
  void rfc4231_knownAnswers() throws CryptoException {
    // Case 2 uses the 4-byte key "Jefe", below our 16-byte minimum: it is rejected, not computed.
    for (Rfc4231Case v : RFC4231) {
      byte[] data = HEX.parseHex(v.dataHex());
      check(MacAlgorithm.HMAC_SHA256, v, data, v.sha256Hex());
      check(MacAlgorithm.HMAC_SHA512, v, data, v.sha512Hex());
    }
  }

  private static void check(MacAlgorithm algorithm, Rfc4231Case v, byte[] data, String expectedHex) throws CryptoException {
    Mac mac = Mac.create(MacKey.insecureFromBytes(algorithm, HEX.parseHex(v.keyHex())));
    byte[] expected = HEX.parseHex(expectedHex);
    if (v.truncated()) {
      assertThat(Arrays.copyOf(mac.compute(data), expected.length)).as("case %d %s", v.number(), algorithm).isEqualTo(expected);
      mac.verifyTruncated(expected, data);
      assertThatThrownBy(() -> mac.verify(expected, data)).isInstanceOf(CryptoException.class);
    } else {
      assertThat(mac.compute(data)).as("case %d %s", v.number(), algorithm).isEqualTo(expected);
      mac.verify(expected, data);
      mac.verifyTruncated(expected, data);
    }
  }

  @Test
  void rfc4231Case2_shortKeyJefe_isRefusedAsMisuse() {
    assertThatThrownBy(() -> MacKey.insecureFromBytes(MacAlgorithm.HMAC_SHA256, "Jefe".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wycheproof_hmacSha256() {
    runWycheproof("hmac_sha256_test.json", MacAlgorithm.HMAC_SHA256);
  }

  @Test
  void wycheproof_hmacSha512() {
    runWycheproof("hmac_sha512_test.json", MacAlgorithm.HMAC_SHA512);
  }

  @Test
  void wycheproof_hmacSha3_256() {
    runWycheproof("hmac_sha3_256_test.json", MacAlgorithm.HMAC_SHA3_256);
  }

  @Test
  void wycheproof_hmacSha3_512() {
    runWycheproof("hmac_sha3_512_test.json", MacAlgorithm.HMAC_SHA3_512);
  }

  /** Full-size tag groups go through verify; truncated-tag groups through verifyTruncated. */
  private static void runWycheproof(String file, MacAlgorithm algorithm) {
    Wycheproof suite = Wycheproof.load(file);
    for (Wycheproof.Case c : suite.cases()) {
      boolean fullTag = c.group().get("tagSize").asInt() == algorithm.tagSizeBytes() * 8;
      suite.check(
          c,
          () -> {
            Mac mac = Mac.create(MacKey.insecureFromBytes(algorithm, c.hex("key")));
            byte[] tag = c.hex("tag");
            try {
              if (fullTag) {
                mac.verify(tag, c.hex("msg"));
              } else {
                mac.verifyTruncated(tag, c.hex("msg"));
              }
            } catch (CryptoException rejected) {
              return false;
            }
            return Arrays.equals(Arrays.copyOf(mac.compute(c.hex("msg")), tag.length), tag);
          });
    }
    suite.assertAllPassed(Map.of());
  }

  @Test
  void tamperedTagOrData_wrongKeyOrAlgorithm_areRejected() throws CryptoException {
    MacKey key = MacKey.generate(MacAlgorithm.HMAC_SHA256);
    Mac mac = Mac.create(key);
    byte[] data = "message".getBytes(StandardCharsets.UTF_8);
    byte[] tag = mac.compute(data);
    mac.verify(tag, data);
    for (int i = 0; i < tag.length; i++) {
      byte[] bad = tag.clone();
      bad[i] ^= 1;
      assertThatThrownBy(() -> mac.verify(bad, data)).isInstanceOf(CryptoException.class);
      byte[] badPrefix = Arrays.copyOf(bad, Math.max(16, i + 1));
      assertThatThrownBy(() -> mac.verifyTruncated(badPrefix, data)).isInstanceOf(CryptoException.class);
    }
    assertThatThrownBy(() -> mac.verify(tag, "messagE".getBytes(StandardCharsets.UTF_8))).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> Mac.create(MacKey.generate(MacAlgorithm.HMAC_SHA256)).verify(tag, data)).isInstanceOf(CryptoException.class);
    MacKey sameBytesOtherHash = MacKey.insecureFromBytes(MacAlgorithm.HMAC_SHA3_256, key.insecureExportBytes());
    assertThatThrownBy(() -> Mac.create(sameBytesOtherHash).verify(tag, data)).isInstanceOf(CryptoException.class);
  }

  @Test
  void truncatedTags_shorterThan16Bytes_orLongerThanFull_areRejected() {
    Mac mac = Mac.create(MacKey.generate(MacAlgorithm.HMAC_SHA512));
    byte[] data = new byte[10];
    byte[] tag = mac.compute(data);
    assertThatThrownBy(() -> mac.verifyTruncated(Arrays.copyOf(tag, 15), data)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> mac.verifyTruncated(new byte[0], data)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> mac.verifyTruncated(Arrays.copyOf(tag, 65), data)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> mac.verify(Arrays.copyOf(tag, 32), data)).isInstanceOf(CryptoException.class);
  }

  @Test
  void keys_areSizedByAlgorithm_redacted_andDestroyable() {
    for (MacAlgorithm algorithm : MacAlgorithm.values()) {
      MacKey key = MacKey.generate(algorithm);
      assertThat(key.insecureExportBytes()).hasSize(algorithm.keySizeBytes());
      assertThat(Mac.create(key).compute(new byte[0])).hasSize(algorithm.tagSizeBytes());
      assertThat(key.toString()).doesNotContain(HEX.formatHex(key.insecureExportBytes()).substring(0, 8));
      key.destroy();
      assertThat(key.isDestroyed()).isTrue();
      assertThatThrownBy(() -> Mac.create(key).compute(new byte[0])).isInstanceOf(IllegalStateException.class);
    }
    assertThatThrownBy(() -> MacKey.insecureFromBytes(MacAlgorithm.HMAC_SHA256, new byte[15])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MacKey.insecureFromBytes(MacAlgorithm.HMAC_SHA256, new byte[1025])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentUse_withDifferentKeysAndAlgorithms_staysCorrect() throws Exception {
    List<Mac> macs = new java.util.ArrayList<>();
    List<byte[]> expected = new java.util.ArrayList<>();
    byte[] data = "shared message".getBytes(StandardCharsets.UTF_8);
    for (MacAlgorithm algorithm : MacAlgorithm.values()) {
      for (int k = 0; k < 2; k++) {
        Mac mac = Mac.create(MacKey.generate(algorithm));
        macs.add(mac);
        expected.add(mac.compute(data));
      }
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 12; t++) {
        int offset = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            int which = (i + offset) % macs.size();
            if (!Arrays.equals(macs.get(which).compute(data), expected.get(which))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (java.util.concurrent.Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
