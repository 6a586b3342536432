package dev.bulwark.crypto.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestsTest {
  private static final HexFormat HEX = HexFormat.of();

  /** A published known answer: the message as text and the digest as hex. */
  record PublishedDigest(String source, DigestAlgorithm algorithm, String message, String digestHex) {}

  private static final List<PublishedDigest> KNOWN_ANSWERS =
      List.of(
          new PublishedDigest("FIPS 180-2 Appendix B.1 (SHA-256, one block)", DigestAlgorithm.SHA256, "abc",
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
          new PublishedDigest("FIPS 180-2 Appendix B.2 (SHA-256, two blocks)", DigestAlgorithm.SHA256,
              "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
          new PublishedDigest("FIPS 180-2 Appendix C.1 (SHA-512)", DigestAlgorithm.SHA512, "abc",
              "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                  + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
          new PublishedDigest("FIPS 202 examples, SHA3-256 \"abc\"", DigestAlgorithm.SHA3_256, "abc",
              "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"),
          new PublishedDigest("FIPS 202 examples, SHA3-512 \"abc\"", DigestAlgorithm.SHA3_512, "abc",
              "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
                  + "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0"),
          new PublishedDigest("RFC 7693 Appendix A (BLAKE2b-512 \"abc\")", DigestAlgorithm.BLAKE2B_512, "abc",
              "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                  + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"),
          new PublishedDigest("BLAKE2 reference (b2sum -l 256), BLAKE2b-256 \"abc\"", DigestAlgorithm.BLAKE2B_256, "abc",
              "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"),
          new PublishedDigest("FIPS 180-4 empty message (SHA-256)", DigestAlgorithm.SHA256, "",
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));

  @Test
  void knownAnswers_match() {
    for (PublishedDigest v : KNOWN_ANSWERS) {
      byte[] digest = Digests.digest(v.algorithm(), v.message().getBytes(StandardCharsets.US_ASCII));
      assertThat(HEX.formatHex(digest)).as(v.source()).isEqualTo(v.digestHex());
      assertThat(digest).hasSize(v.algorithm().digestSizeBytes());
    }
  }

  @Test
  void everyAlgorithm_hasAKnownAnswer() {
    assertThat(KNOWN_ANSWERS.stream().map(PublishedDigest::algorithm).distinct()).containsExactlyInAnyOrder(DigestAlgorithm.values());
  }

  @Test
  void streamAndFile_matchOneShot_acrossBufferBoundaries(@TempDir Path dir) throws IOException {
    SecureRandom random = new SecureRandom();
    for (int size : new int[] {0, 1, Digests.BUFFER_BYTES - 1, Digests.BUFFER_BYTES, Digests.BUFFER_BYTES + 1, 3 * Digests.BUFFER_BYTES + 7}) {
      byte[] data = new byte[size];
      random.nextBytes(data);
      Path file = Files.write(dir.resolve("f" + size), data);
      for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
        byte[] expected = Digests.digest(algorithm, data);
        assertThat(Digests.digest(algorithm, new ByteArrayInputStream(data))).as("%s %d stream", algorithm, size).isEqualTo(expected);
        assertThat(Digests.digest(algorithm, file)).as("%s %d file", algorithm, size).isEqualTo(expected);
      }
    }
  }

  @Test
  void hasher_incrementalUpdates_matchOneShot_andResetAfterDigest() {
    byte[] data = "incremental hashing over several pieces".getBytes(StandardCharsets.UTF_8);
    for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
      Hasher hasher = Digests.newHasher(algorithm);
      hasher.update(data, 0, 5).update(data, 5, 10).update(data, 15, data.length - 15);
      assertThat(hasher.digest()).as(algorithm.name()).isEqualTo(Digests.digest(algorithm, data));
      assertThat(hasher.digest()).as("reset " + algorithm).isEqualTo(Digests.digest(algorithm, new byte[0]));
    }
  }

  @Test
  void hasher_badRange_isMisuse() {
    assertThatThrownBy(() -> Digests.newHasher(DigestAlgorithm.BLAKE2B_256).update(new byte[4], 2, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void verify_acceptsTheRightDigest_rejectsAnyOtherAndWrongLengths() throws CryptoException {
    byte[] data = "verify me".getBytes(StandardCharsets.UTF_8);
    for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
      byte[] digest = Digests.digest(algorithm, data);
      Digests.verify(algorithm, data, digest);
      for (int i = 0; i < digest.length; i++) {
        byte[] wrong = digest.clone();
        wrong[i] ^= 0x40;
        assertThatThrownBy(() -> Digests.verify(algorithm, data, wrong)).isInstanceOf(CryptoException.class);
      }
      byte[] truncated = java.util.Arrays.copyOf(digest, digest.length - 1);
      assertThatThrownBy(() -> Digests.verify(algorithm, data, truncated)).isInstanceOf(CryptoException.class);
      assertThatThrownBy(() -> Digests.verify(algorithm, data, new byte[0])).isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void missingFile_throwsIOException(@TempDir Path dir) {
    assertThatThrownBy(() -> Digests.digest(DigestAlgorithm.SHA256, dir.resolve("absent"))).isInstanceOf(IOException.class);
  }

  @Test
  void oneShot_reusedPerThread_matchesAFreshHasherEveryTime() {
    // The one-shot path keeps a MessageDigest per platform thread: a leftover of one message (a long
    // one, then a short one, then an empty one) must never leak into the next digest.
    SecureRandom random = new SecureRandom();
    for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
      for (int length : new int[] {100_000, 3, 0, 64, 65, 1}) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        byte[] expected = Digests.newHasher(algorithm).update(data).digest();
        assertThat(Digests.digest(algorithm, data)).as("%s over %d bytes", algorithm, length).isEqualTo(expected);
      }
    }
  }

  @Test
  void oneShot_onVirtualThreads_reusedDigestsCarryNothingOver() throws Exception {
    // Virtual threads borrow from a shared pool: each one-shot must start from a reset digest,
    // whatever length the previous borrower hashed.
    java.security.SecureRandom random = new java.security.SecureRandom();
    for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
      for (int length : new int[] {100_000, 3, 0, 64, 65, 1}) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        byte[] expected = Digests.newHasher(algorithm).update(data).digest();
        byte[][] got = new byte[1][];
        Thread.ofVirtual().start(() -> got[0] = Digests.digest(algorithm, data)).join();
        assertThat(got[0]).as("%s over %d bytes on a virtual thread", algorithm, length).isEqualTo(expected);
      }
    }
  }

  @Test
  void oneShot_concurrentPlatformAndVirtualThreads_neverMixMessages() throws Exception {
    byte[][] messages = new byte[16][];
    byte[][] expected = new byte[16][];
    for (int i = 0; i < messages.length; i++) {
      messages[i] = ("message " + i).repeat(i * 50 + 1).getBytes(StandardCharsets.UTF_8);
      expected[i] = Digests.newHasher(DigestAlgorithm.SHA256).update(messages[i]).digest();
    }
    for (var pool : List.of(java.util.concurrent.Executors.newFixedThreadPool(8),
        java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())) {
      try (pool) {
        List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
        for (int t = 0; t < 16; t++) {
          int first = t;
          results.add(pool.submit(() -> {
            int wrong = 0;
            for (int i = 0; i < 500; i++) {
              int m = (first + i) % messages.length;
              if (!java.util.Arrays.equals(Digests.digest(DigestAlgorithm.SHA256, messages[m]), expected[m])) {
                wrong++;
              }
            }
            return wrong;
          }));
        }
        for (var r : results) {
          assertThat(r.get()).isZero();
        }
      }
    }
  }

  @Test
  void oneShot_nullData_isMisuse() {
    assertThatThrownBy(() -> Digests.digest(DigestAlgorithm.SHA256, (byte[]) null)).isInstanceOf(NullPointerException.class);
  }
}
