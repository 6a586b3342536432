package dev.bulwark.crypto.keyset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeysetAeadTest {
  private static final byte[] AD = "ctx".getBytes(StandardCharsets.UTF_8);
  private static final byte[] MSG = "payload".getBytes(StandardCharsets.UTF_8);

  static int keyIdOf(byte[] ciphertext) {
    return ((ciphertext[1] & 0xff) << 24) | ((ciphertext[2] & 0xff) << 16) | ((ciphertext[3] & 0xff) << 8)
        | (ciphertext[4] & 0xff);
  }

  @ParameterizedTest
  @EnumSource(KeysetPreset.class)
  void ciphertext_hasTheDesignFormat(KeysetPreset preset) throws CryptoException {
    Keyset keyset = Keyset.generate(preset);
    byte[] ct = keyset.aead().encrypt(MSG, AD);
    assertThat(ct[0]).isEqualTo((byte) 0x01);
    assertThat(keyIdOf(ct)).isEqualTo(keyset.primaryKeyId());
    assertThat(ct).hasSize(5 + preset.algorithm().nonceSizeBytes() + MSG.length + 16);
    assertThat(keyset.aead().decrypt(ct, AD)).isEqualTo(MSG);
  }

  @Test
  void truncatedHeader_isRejectedAtEveryLength() throws CryptoException {
    Keyset keyset = Keyset.generate(KeysetPreset.AES256_GCM);
    byte[] ct = keyset.aead().encrypt(MSG, AD);
    for (int length = 0; length < 5; length++) {
      byte[] truncated = Arrays.copyOf(ct, length);
      assertThatThrownBy(() -> keyset.aead().decrypt(truncated, AD)).isInstanceOf(CryptoException.class)
          .hasMessageContaining("header");
    }
    for (int length = 5; length < ct.length; length++) {
      byte[] truncated = Arrays.copyOf(ct, length);
      assertThatThrownBy(() -> keyset.aead().decrypt(truncated, AD)).isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void unknownVersionByte_isRejected() throws CryptoException {
    Keyset keyset = Keyset.generate(KeysetPreset.AES256_GCM);
    byte[] ct = keyset.aead().encrypt(MSG, AD);
    for (int version : new int[] {0x00, 0x02, 0x80, 0xff}) {
      byte[] changed = ct.clone();
      changed[0] = (byte) version;
      assertThatThrownBy(() -> keyset.aead().decrypt(changed, AD)).isInstanceOf(CryptoException.class)
          .hasMessageContaining("version");
    }
  }

  @Test
  void unknownKeyId_isRejected() throws CryptoException {
    Keyset keyset = Keyset.generate(KeysetPreset.AES256_GCM);
    byte[] ct = keyset.aead().encrypt(MSG, AD);
    ct[4] ^= 1;
    assertThatThrownBy(() -> keyset.aead().decrypt(ct, AD)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("no key");
  }

  @Test
  void keyIdPointingAtAnotherKeyOfTheKeyset_failsAuthentication() throws CryptoException {
    Keyset keyset = Keyset.generate(KeysetPreset.AES256_GCM).rotate(KeysetPreset.AES256_GCM);
    int other = keyset.keys().get(0).keyId();
    byte[] ct = keyset.aead().encrypt(MSG, AD);
    ct[1] = (byte) (other >>> 24);
    ct[2] = (byte) (other >>> 16);
    ct[3] = (byte) (other >>> 8);
    ct[4] = (byte) other;
    assertThatThrownBy(() -> keyset.aead().decrypt(ct, AD)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("authentication");
  }

  @Test
  void tamperedBodyOrWrongAssociatedData_isRejected() throws CryptoException {
    Keyset keyset = Keyset.generate(KeysetPreset.XCHACHA20_POLY1305);
    byte[] ct = keyset.aead().encrypt(MSG, AD);
    for (int i = 5; i < ct.length; i++) {
      byte[] tampered = ct.clone();
      tampered[i] ^= 0x01;
      assertThatThrownBy(() -> keyset.aead().decrypt(tampered, AD)).isInstanceOf(CryptoException.class);
    }
    assertThatThrownBy(() -> keyset.aead().decrypt(ct, new byte[0])).isInstanceOf(CryptoException.class);
  }

  @Test
  void ciphertextOfAnotherKeyset_isRejected() throws CryptoException {
    byte[] ct = Keyset.generate(KeysetPreset.AES256_GCM).aead().encrypt(MSG, AD);
    Keyset other = Keyset.generate(KeysetPreset.AES256_GCM);
    assertThatThrownBy(() -> other.aead().decrypt(ct, AD)).isInstanceOf(CryptoException.class);
  }

  @Test
  void primaryMessageBudget_isVisibleAndCountsDown() throws CryptoException {
    KeysetAead aead = Keyset.generate(KeysetPreset.AES256_GCM).aead();
    long before = aead.primaryEncryptionsRemaining();
    assertThat(before).isEqualTo(1L << 32);
    aead.encrypt(MSG, AD);
    assertThat(aead.primaryEncryptionsRemaining()).isEqualTo(before - 1);
  }

  private static byte[] filled(int length) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) 0x5a);
    return b;
  }

  /** Both API shapes, across a rotation that changes the algorithm (and so the nonce size). */
  @Test
  void bufferApi_agreesWithArrayApi_acrossAlgorithms() throws CryptoException {
    Keyset old = Keyset.generate(KeysetPreset.AES256_GCM);
    Keyset keyset = old.rotate(KeysetPreset.XCHACHA20_POLY1305);
    java.util.Random random = new java.util.Random(3);
    for (int trial = 0; trial < 50; trial++) {
      byte[] msg = new byte[random.nextInt(2000)];
      random.nextBytes(msg);
      int offset = random.nextInt(9);
      // Encrypt into a buffer under the new primary (24-byte nonce); read back with the array API.
      byte[] out = filled(offset + keyset.aead().ciphertextLength(msg.length) + 3);
      int written = keyset.aead().encrypt(msg, AD, out, offset);
      assertThat(written).isEqualTo(5 + 24 + msg.length + 16);
      byte[] sealed = Arrays.copyOfRange(out, offset, offset + written);
      assertThat(keyIdOf(sealed)).isEqualTo(keyset.primaryKeyId());
      assertThat(keyset.aead().decrypt(sealed, AD)).isEqualTo(msg);
      assertThat(out[offset + written]).isEqualTo((byte) 0x5a);
      // A ciphertext of the old key (12-byte nonce) into a buffer: the bound is exact for it, and
      // an XChaCha ciphertext decrypts to 12 bytes less than the bound.
      byte[] fromOld = old.aead().encrypt(msg, AD);
      byte[] plain = filled(keyset.aead().plaintextLength(fromOld.length));
      assertThat(keyset.aead().decrypt(fromOld, AD, plain, 0)).isEqualTo(msg.length);
      assertThat(plain).isEqualTo(msg);
      byte[] roomy = filled(keyset.aead().plaintextLength(sealed.length));
      assertThat(keyset.aead().decrypt(sealed, AD, roomy, 0)).isEqualTo(msg.length);
      assertThat(Arrays.copyOf(roomy, msg.length)).isEqualTo(msg);
      assertThat(roomy.length - msg.length).isEqualTo(12);
    }
  }

  @Test
  void bufferApi_failurePaths_leaveNoPlaintextAndKeepTheBudget() throws CryptoException {
    Keyset keyset = Keyset.generate(KeysetPreset.AES256_GCM);
    KeysetAead aead = keyset.aead();
    int needed = aead.ciphertextLength(MSG.length);
    long remaining = aead.primaryEncryptionsRemaining();
    byte[] tooShort = filled(needed - 1);
    assertThatThrownBy(() -> aead.encrypt(MSG, AD, tooShort, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(tooShort).containsOnly((byte) 0x5a);
    assertThat(aead.primaryEncryptionsRemaining()).isEqualTo(remaining);
    byte[] aliased = filled(needed + AD.length);
    assertThatThrownBy(() -> aead.encrypt(MSG, aliased, aliased, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(aead.primaryEncryptionsRemaining()).isEqualTo(remaining);

    byte[] ct = aead.encrypt(MSG, AD);
    // Truncated, unknown version, unknown key: refused before anything is written.
    for (int length = 0; length < ct.length; length++) {
      byte[] truncated = Arrays.copyOf(ct, length);
      byte[] plain = filled(MSG.length);
      assertThatThrownBy(() -> aead.decrypt(truncated, AD, plain, 0)).isInstanceOf(CryptoException.class);
      for (int i = 0; i < plain.length; i++) {
        assertThat(plain[i]).isIn((byte) 0x5a, (byte) 0);
      }
    }
    byte[] otherKey = ct.clone();
    otherKey[4] ^= 1;
    byte[] untouched = filled(MSG.length);
    assertThatThrownBy(() -> aead.decrypt(otherKey, AD, untouched, 0)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("no key");
    assertThat(untouched).containsOnly((byte) 0x5a);
    // Tampered body, wrong associated data: the plaintext range is zeros.
    byte[] tampered = ct.clone();
    tampered[tampered.length - 1] ^= 1;
    byte[] plain = filled(MSG.length + 2);
    assertThatThrownBy(() -> aead.decrypt(tampered, AD, plain, 1)).isInstanceOf(CryptoException.class);
    assertThat(Arrays.copyOfRange(plain, 1, 1 + MSG.length)).containsOnly((byte) 0);
    assertThat(plain[0]).isEqualTo((byte) 0x5a);
    assertThat(plain[plain.length - 1]).isEqualTo((byte) 0x5a);
    byte[] plain2 = filled(MSG.length);
    assertThatThrownBy(() -> aead.decrypt(ct, "other".getBytes(StandardCharsets.UTF_8), plain2, 0))
        .isInstanceOf(CryptoException.class);
    assertThat(plain2).containsOnly((byte) 0);
    byte[] small = filled(MSG.length - 1);
    assertThatThrownBy(() -> aead.decrypt(ct, AD, small, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(small).containsOnly((byte) 0x5a);
    assertThatThrownBy(() -> aead.decrypt(ct, AD, ct, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(aead.decrypt(ct, AD)).isEqualTo(MSG);
  }
}
