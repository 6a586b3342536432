package dev.bulwark.crypto.aead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.testkit.Wycheproof;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The caller-supplied-buffer API: the same bytes as the array API, and every failure leaves no
 * plaintext and no partial write outside the documented range.
 */
class BufferAeadTest {
  private static final byte[] PLAINTEXT = "the quick brown fox".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AD = "record 42".getBytes(StandardCharsets.UTF_8);
  private static final byte FILL = (byte) 0xA5;

  /** A nonce source that repeats exactly for equal seeds, so two APIs can be compared byte for byte. */
  private static final class SeededNonces extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final Random random;

    SeededNonces(long seed) {
      this.random = new Random(seed);
    }

    @Override
    public void nextBytes(byte[] bytes) {
      random.nextBytes(bytes);
    }
  }

  private static byte[] filled(int length) {
    byte[] b = new byte[length];
    Arrays.fill(b, FILL);
    return b;
  }

  private static void assertAllFill(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      assertThat(b[i]).as("byte %d outside the output range", i).isEqualTo(FILL);
    }
  }

  private static void assertAllZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      assertThat(b[i]).as("byte %d of the failed plaintext range", i).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void lengths_matchTheAlgorithmsOverhead(AeadAlgorithm algorithm) throws CryptoException {
    BufferAead aead = AeadKey.generate(algorithm).aead();
    assertThat(aead.ciphertextLength(0)).isEqualTo(algorithm.overheadBytes());
    assertThat(aead.ciphertextLength(1000)).isEqualTo(1000 + algorithm.overheadBytes());
    assertThat(aead.plaintextLength(1000 + algorithm.overheadBytes())).isEqualTo(1000);
    assertThatThrownBy(() -> aead.plaintextLength(algorithm.overheadBytes() - 1)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> aead.ciphertextLength(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> aead.ciphertextLength(Integer.MAX_VALUE - algorithm.overheadBytes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("streaming");
  }

  /** Property: for random sizes, contexts and offsets, both APIs write the same bytes and each reads the other's. */
  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void bothApis_agreeByteForByte_andReadEachOther(AeadAlgorithm algorithm) throws CryptoException {
    AeadKey key = AeadKey.generate(algorithm);
    Random random = new Random(20261202L + algorithm.ordinal());
    for (int trial = 0; trial < 200; trial++) {
      int size = random.nextInt(4) == 0 ? random.nextInt(70_000) : random.nextInt(300);
      byte[] plaintext = new byte[size];
      random.nextBytes(plaintext);
      byte[] ad = new byte[random.nextInt(3) == 0 ? 0 : random.nextInt(100)];
      random.nextBytes(ad);
      int offset = random.nextInt(40);
      int slack = random.nextInt(40);
      long seed = random.nextLong();
      BufferAead arrays = key.aead(new SeededNonces(seed));
      BufferAead buffers = key.aead(new SeededNonces(seed));

      // Two messages per API, so that no cipher is initialised twice in a row with one nonce (the
      // JDK refuses that as a nonce-reuse guard).
      byte[] first = arrays.encrypt(plaintext, ad);
      byte[] second = arrays.encrypt(ad, plaintext);
      byte[] out = filled(offset + buffers.ciphertextLength(size) + slack);
      assertThat(buffers.encrypt(plaintext, ad, out, offset)).isEqualTo(first.length);
      assertThat(Arrays.copyOfRange(out, offset, offset + first.length)).isEqualTo(first);
      assertAllFill(out, 0, offset);
      assertAllFill(out, offset + first.length, out.length);
      byte[] out2 = new byte[buffers.ciphertextLength(ad.length)];
      buffers.encrypt(ad, plaintext, out2, 0);
      assertThat(out2).isEqualTo(second);

      byte[] plain = filled(offset + size + slack);
      assertThat(buffers.decrypt(first, ad, plain, offset)).isEqualTo(size);
      assertThat(Arrays.copyOfRange(plain, offset, offset + size)).isEqualTo(plaintext);
      assertAllFill(plain, 0, offset);
      assertAllFill(plain, offset + size, plain.length);
      assertThat(arrays.decrypt(Arrays.copyOfRange(out, offset, offset + first.length), ad)).isEqualTo(plaintext);
    }
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void shortOrMisplacedOutput_writesNothingAndKeepsTheBudget(AeadAlgorithm algorithm) throws CryptoException {
    AeadKey key = AeadKey.generate(algorithm);
    BufferAead aead = key.aead();
    int needed = aead.ciphertextLength(PLAINTEXT.length);
    for (int[] bad : new int[][] {{needed - 1, 0}, {needed, 1}, {needed + 4, 5}, {needed, -1}, {needed, needed + 1}}) {
      byte[] out = filled(bad[0]);
      long remaining = key.encryptionsRemaining();
      assertThatThrownBy(() -> aead.encrypt(PLAINTEXT, AD, out, bad[1]))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertAllFill(out, 0, out.length);
      assertThat(key.encryptionsRemaining()).isEqualTo(remaining);
    }
    byte[] ciphertext = aead.encrypt(PLAINTEXT, AD);
    for (int[] bad : new int[][] {{PLAINTEXT.length - 1, 0}, {PLAINTEXT.length, 1}, {PLAINTEXT.length, -1}}) {
      byte[] plain = filled(bad[0]);
      assertThatThrownBy(() -> aead.decrypt(ciphertext, AD, plain, bad[1]))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertAllFill(plain, 0, plain.length);
    }
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void outputOverlappingAnInput_isRefusedBeforeAnyWrite(AeadAlgorithm algorithm) throws CryptoException {
    AeadKey key = AeadKey.generate(algorithm);
    BufferAead aead = key.aead();
    byte[] shared = filled(4 * aead.ciphertextLength(64));
    byte[] before = shared.clone();
    long remaining = key.encryptionsRemaining();
    // The plaintext is a whole array, so an output range inside it can never be long enough.
    assertThatThrownBy(() -> aead.encrypt(shared, AD, shared, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    byte[] small = filled(64);
    byte[] room = filled(aead.ciphertextLength(64) + 10);
    byte[] roomBefore = room.clone();
    assertThatThrownBy(() -> aead.encrypt(small, room, room, 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("associated data");
    assertThat(room).isEqualTo(roomBefore);
    assertThat(key.encryptionsRemaining()).isEqualTo(remaining);

    byte[] ciphertext = aead.encrypt(small, AD);
    byte[] aliased = Arrays.copyOf(ciphertext, ciphertext.length);
    assertThatThrownBy(() -> aead.decrypt(aliased, AD, aliased, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ciphertext");
    assertThat(aliased).isEqualTo(ciphertext);
    byte[] plainRoom = filled(200);
    byte[] plainRoomBefore = plainRoom.clone();
    assertThatThrownBy(() -> aead.decrypt(ciphertext, plainRoom, plainRoom, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("associated data");
    assertThat(plainRoom).isEqualTo(plainRoomBefore);
    assertThat(shared).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void tamperedByteAnywhere_failsAndLeavesOnlyZerosInTheRange(AeadAlgorithm algorithm) throws CryptoException {
    BufferAead aead = AeadKey.generate(algorithm).aead();
    byte[] plaintext = new byte[100];
    new Random(7).nextBytes(plaintext);
    byte[] ciphertext = aead.encrypt(plaintext, AD);
    for (int i = 0; i < ciphertext.length; i++) {
      byte[] tampered = ciphertext.clone();
      tampered[i] ^= (byte) (1 << (i % 8));
      byte[] plain = filled(plaintext.length + 6);
      assertThatThrownBy(() -> aead.decrypt(tampered, AD, plain, 3)).isInstanceOf(CryptoException.class);
      assertAllFill(plain, 0, 3);
      assertAllZero(plain, 3, 3 + plaintext.length);
      assertAllFill(plain, 3 + plaintext.length, plain.length);
    }
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void wrongAssociatedDataOrKey_fails(AeadAlgorithm algorithm) throws CryptoException {
    BufferAead aead = AeadKey.generate(algorithm).aead();
    byte[] out = new byte[aead.ciphertextLength(PLAINTEXT.length)];
    aead.encrypt(PLAINTEXT, AD, out, 0);
    byte[] plain = filled(PLAINTEXT.length);
    assertThatThrownBy(() -> aead.decrypt(out, "record 43".getBytes(StandardCharsets.UTF_8), plain, 0))
        .isInstanceOf(CryptoException.class);
    assertAllZero(plain, 0, plain.length);
    assertThatThrownBy(() -> aead.decrypt(out, new byte[0], plain, 0)).isInstanceOf(CryptoException.class);
    BufferAead other = AeadKey.generate(algorithm).aead();
    assertThatThrownBy(() -> other.decrypt(out, AD, plain, 0)).isInstanceOf(CryptoException.class);
    assertAllZero(plain, 0, plain.length);
    assertThat(aead.decrypt(out, AD, plain, 0)).isEqualTo(PLAINTEXT.length);
    assertThat(plain).isEqualTo(PLAINTEXT);
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void truncatedCiphertext_fails(AeadAlgorithm algorithm) throws CryptoException {
    BufferAead aead = AeadKey.generate(algorithm).aead();
    byte[] ciphertext = aead.encrypt(PLAINTEXT, AD);
    for (int length = 0; length < ciphertext.length; length++) {
      byte[] truncated = Arrays.copyOf(ciphertext, length);
      byte[] plain = filled(PLAINTEXT.length);
      assertThatThrownBy(() -> aead.decrypt(truncated, AD, plain, 0)).isInstanceOf(CryptoException.class);
      // Shorter than nonce and tag: refused before anything is written; longer: zeroed range.
      if (length < algorithm.overheadBytes()) {
        assertAllFill(plain, 0, plain.length);
      } else {
        assertAllZero(plain, 0, length - algorithm.overheadBytes());
        assertAllFill(plain, length - algorithm.overheadBytes(), plain.length);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void destroyedKey_refusesTheBufferApiToo(AeadAlgorithm algorithm) throws CryptoException {
    AeadKey key = AeadKey.generate(algorithm);
    BufferAead aead = key.aead();
    byte[] ciphertext = aead.encrypt(PLAINTEXT, AD);
    key.destroy();
    byte[] out = filled(aead.ciphertextLength(PLAINTEXT.length));
    assertThatThrownBy(() -> aead.encrypt(PLAINTEXT, AD, out, 0)).isInstanceOf(CryptoException.class);
    assertAllFill(out, 0, out.length);
    byte[] plain = filled(PLAINTEXT.length);
    assertThatThrownBy(() -> aead.decrypt(ciphertext, AD, plain, 0)).isInstanceOf(CryptoException.class);
    assertAllZero(plain, 0, plain.length);
  }

  @Test
  void wycheproof_aesGcm_throughTheBufferApi() {
    runWycheproof("aes_gcm_test.json", AeadAlgorithm.AES256_GCM);
  }

  @Test
  void wycheproof_chacha20Poly1305_throughTheBufferApi() {
    runWycheproof("chacha20_poly1305_test.json", AeadAlgorithm.CHACHA20_POLY1305);
  }

  @Test
  void wycheproof_xchacha20Poly1305_throughTheBufferApi() {
    runWycheproof("xchacha20_poly1305_test.json", AeadAlgorithm.XCHACHA20_POLY1305);
  }

  /**
   * Every vector whose key, nonce and tag sizes our format can carry ({@code nonce || ct || tag});
   * the others (other sizes) run through the engine in AeadEngineTest.
   */
  private static void runWycheproof(String file, AeadAlgorithm algorithm) {
    Wycheproof suite = Wycheproof.load(file);
    for (Wycheproof.Case c : suite.cases()) {
      if (c.group().get("keySize").asInt() != algorithm.keySizeBytes() * 8
          || c.group().get("ivSize").asInt() != algorithm.nonceSizeBytes() * 8
          || c.group().get("tagSize").asInt() != algorithm.tagSizeBytes() * 8) {
        suite.skip(c, "sizes not expressible in nonce || ciphertext || tag (covered in AeadEngineTest)");
        continue;
      }
      suite.check(c, () -> {
        BufferAead aead = AeadKey.insecureFromBytes(algorithm, c.hex("key")).aead();
        byte[] iv = c.hex("iv");
        byte[] ct = c.hex("ct");
        byte[] tag = c.hex("tag");
        byte[] sealed = new byte[iv.length + ct.length + tag.length];
        System.arraycopy(iv, 0, sealed, 0, iv.length);
        System.arraycopy(ct, 0, sealed, iv.length, ct.length);
        System.arraycopy(tag, 0, sealed, iv.length + ct.length, tag.length);
        byte[] plain = filled(ct.length + 2);
        try {
          aead.decrypt(sealed, c.hex("aad"), plain, 1);
        } catch (CryptoException rejected) {
          assertAllZero(plain, 1, 1 + ct.length);
          return false;
        }
        return Arrays.equals(Arrays.copyOfRange(plain, 1, 1 + ct.length), c.hex("msg"))
            && plain[0] == FILL
            && plain[plain.length - 1] == FILL;
      });
    }
    System.out.println("[wycheproof] " + file + " via BufferAead: " + suite.summary());
    suite.assertAllPassed(Map.of());
  }
}
