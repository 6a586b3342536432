package dev.bulwark.crypto.streaming.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.streaming.StreamingAead;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Streaming AEAD with small segments, so every boundary case is cheap to reach. */
class SegmentedStreamingAeadTest {
  static final int SEGMENT = 64;
  static final byte[] AD = "file.txt".getBytes(StandardCharsets.UTF_8);

  /** A resolver over fixed keys, like a keyset's. */
  record MapResolver(int primary, Map<Integer, AeadKey> keys) implements KeyResolver {
    @Override
    public int primaryKeyId() {
      return primary;
    }

    @Override
    public AeadKey usableKey(int keyId) throws CryptoException {
      AeadKey key = keys.get(keyId);
      if (key == null) {
        throw new CryptoException("no key " + keyId);
      }
      return key;
    }
  }

  static StreamingAead streaming(AeadAlgorithm algorithm) {
    return new SegmentedStreamingAead(new MapResolver(7, Map.of(7, AeadKey.generate(algorithm))), SEGMENT, java.security.SecureRandom::new);
  }

  static byte[] encrypt(StreamingAead streaming, byte[] plaintext, byte[] ad) throws IOException, CryptoException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    streaming.encrypt(new ByteArrayInputStream(plaintext), out, ad);
    return out.toByteArray();
  }

  static byte[] decrypt(StreamingAead streaming, byte[] ciphertext, byte[] ad) throws IOException, CryptoException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    streaming.decrypt(new ByteArrayInputStream(ciphertext), out, ad);
    return out.toByteArray();
  }

  static byte[] data(int size) {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return data;
  }

  static int headerBytes(AeadAlgorithm algorithm) {
    return 9 + 32 + algorithm.nonceSizeBytes() - 5;
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void roundTrip_atEverySizeAroundSegmentBoundaries(AeadAlgorithm algorithm) throws Exception {
    StreamingAead streaming = streaming(algorithm);
    for (int size : new int[] {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 2 * SEGMENT, 3 * SEGMENT + 5, 10_000}) {
      byte[] plaintext = data(size);
      byte[] ciphertext = encrypt(streaming, plaintext, AD);
      int segments = Math.max(1, (size + SEGMENT - 1) / SEGMENT);
      assertThat(ciphertext).as("size %d", size).hasSize(headerBytes(algorithm) + size + 16 * segments);
      assertThat(decrypt(streaming, ciphertext, AD)).as("size %d", size).isEqualTo(plaintext);
    }
  }

  @Test
  void byteAtATimeWritesAndReads_giveTheSameResult() throws Exception {
    StreamingAead streaming = streaming(AeadAlgorithm.AES256_GCM);
    byte[] plaintext = data(5 * SEGMENT + 3);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = streaming.newEncryptingStream(sink, AD)) {
      for (byte b : plaintext) {
        out.write(b);
      }
    }
    ByteArrayOutputStream back = new ByteArrayOutputStream();
    try (InputStream in = streaming.newDecryptingStream(new ByteArrayInputStream(sink.toByteArray()), AD)) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        back.write(b);
      }
    }
    assertThat(back.toByteArray()).isEqualTo(plaintext);
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void truncationAtEveryByte_isDetected(AeadAlgorithm algorithm) throws Exception {
    StreamingAead streaming = streaming(algorithm);
    byte[] ciphertext = encrypt(streaming, data(3 * SEGMENT), AD);
    for (int length = 0; length < ciphertext.length; length++) {
      byte[] truncated = Arrays.copyOf(ciphertext, length);
      assertThatThrownBy(() -> decrypt(streaming, truncated, AD)).as("length %d", length)
          .isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void truncationAtEverySegmentBoundary_isDetectedEvenThoughEachSegmentIsIntact() throws Exception {
    StreamingAead streaming = streaming(AeadAlgorithm.AES256_GCM);
    byte[] ciphertext = encrypt(streaming, data(4 * SEGMENT + 10), AD);
    int header = headerBytes(AeadAlgorithm.AES256_GCM);
    for (int segments = 0; segments <= 4; segments++) {
      byte[] truncated = Arrays.copyOf(ciphertext, header + segments * (SEGMENT + 16));
      assertThatThrownBy(() -> decrypt(streaming, truncated, AD)).isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void swappedSegments_areDetected() throws Exception {
    StreamingAead streaming = streaming(AeadAlgorithm.AES256_GCM);
    byte[] ciphertext = encrypt(streaming, data(4 * SEGMENT), AD);
    int header = headerBytes(AeadAlgorithm.AES256_GCM);
    int sealed = SEGMENT + 16;
    byte[] swapped = ciphertext.clone();
    System.arraycopy(ciphertext, header + sealed, swapped, header + 2 * sealed, sealed);
    System.arraycopy(ciphertext, header + 2 * sealed, swapped, header + sealed, sealed);
    assertThatThrownBy(() -> decrypt(streaming, swapped, AD)).isInstanceOf(CryptoException.class);
  }

  @Test
  void appendedData_isDetected() throws Exception {
    StreamingAead streaming = streaming(AeadAlgorithm.CHACHA20_POLY1305);
    byte[] ciphertext = encrypt(streaming, data(2 * SEGMENT), AD);
    int header = headerBytes(AeadAlgorithm.CHACHA20_POLY1305);
    // Append a copy of the first segment, and separately a single byte.
    byte[] extended = Arrays.copyOf(ciphertext, ciphertext.length + SEGMENT + 16);
    System.arraycopy(ciphertext, header, extended, ciphertext.length, SEGMENT + 16);
    assertThatThrownBy(() -> decrypt(streaming, extended, AD)).isInstanceOf(CryptoException.class);
    byte[] oneMore = Arrays.copyOf(ciphertext, ciphertext.length + 1);
    assertThatThrownBy(() -> decrypt(streaming, oneMore, AD)).isInstanceOf(CryptoException.class);
  }

  @Test
  void segmentsSplicedFromAnotherStreamOfTheSameKey_areDetected() throws Exception {
    StreamingAead streaming = streaming(AeadAlgorithm.AES256_GCM);
    byte[] a = encrypt(streaming, data(3 * SEGMENT), AD);
    byte[] b = encrypt(streaming, data(3 * SEGMENT), AD);
    int header = headerBytes(AeadAlgorithm.AES256_GCM);
    byte[] spliced = a.clone();
    System.arraycopy(b, header + SEGMENT + 16, spliced, header + SEGMENT + 16, SEGMENT + 16);
    assertThatThrownBy(() -> decrypt(streaming, spliced, AD)).isInstanceOf(CryptoException.class);
  }

  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void anyHeaderByteChanged_isDetected(AeadAlgorithm algorithm) throws Exception {
    StreamingAead streaming = streaming(algorithm);
    byte[] ciphertext = encrypt(streaming, data(SEGMENT + 1), AD);
    for (int i = 0; i < headerBytes(algorithm); i++) {
      byte[] tampered = ciphertext.clone();
      tampered[i] ^= 0x01;
      assertThatThrownBy(() -> decrypt(streaming, tampered, AD)).as("header byte %d", i)
          .isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void unknownVersionAndOversizedSegmentDeclaration_areRejectedBeforeAllocation() throws Exception {
    StreamingAead streaming = streaming(AeadAlgorithm.AES256_GCM);
    byte[] ciphertext = encrypt(streaming, data(10), AD);
    byte[] version = ciphertext.clone();
    version[0] = 2;
    assertThatThrownBy(() -> decrypt(streaming, version, AD)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("version");
    byte[] huge = ciphertext.clone();
    huge[5] = 0x7f;
    assertThatThrownBy(() -> decrypt(streaming, huge, AD)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("segment size");
  }

  @Test
  void wrongAssociatedDataOrKey_isRejected() throws Exception {
    StreamingAead streaming = streaming(AeadAlgorithm.AES256_GCM);
    byte[] ciphertext = encrypt(streaming, data(100), AD);
    assertThatThrownBy(() -> decrypt(streaming, ciphertext, "other.txt".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> decrypt(streaming(AeadAlgorithm.AES256_GCM), ciphertext, AD))
        .isInstanceOf(CryptoException.class);
  }

  @Test
  void failure_isStickyAndReleasesNothingMore() throws Exception {
    StreamingAead streaming = streaming(AeadAlgorithm.AES256_GCM);
    byte[] ciphertext = encrypt(streaming, data(3 * SEGMENT), AD);
    ciphertext[ciphertext.length - 1] ^= 1;
    InputStream in = streaming.newDecryptingStream(new ByteArrayInputStream(ciphertext), AD);
    byte[] buffer = new byte[SEGMENT];
    assertThat(in.readNBytes(buffer, 0, 2 * SEGMENT > buffer.length ? buffer.length : 2 * SEGMENT)).isEqualTo(SEGMENT);
    assertThat(in.readNBytes(buffer, 0, SEGMENT)).isEqualTo(SEGMENT);
    assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasCauseInstanceOf(CryptoException.class);
    assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasCauseInstanceOf(CryptoException.class);
  }

  @Test
  void channelView_decrypts() throws Exception {
    StreamingAead streaming = streaming(AeadAlgorithm.XCHACHA20_POLY1305);
    byte[] plaintext = data(1000);
    byte[] ciphertext = encrypt(streaming, plaintext, AD);
    ReadableByteChannel channel =
        streaming.newDecryptingChannel(Channels.newChannel(new ByteArrayInputStream(ciphertext)), AD);
    ByteBuffer out = ByteBuffer.allocate(2000);
    while (channel.read(out) >= 0) {
      // keep reading to the end
    }
    assertThat(Arrays.copyOf(out.array(), out.position())).isEqualTo(plaintext);
  }

  @Test
  void writeAfterClose_isRefused() throws Exception {
    OutputStream out = streaming(AeadAlgorithm.AES256_GCM).newEncryptingStream(new ByteArrayOutputStream(), AD);
    out.close();
    assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class);
  }

  @Test
  void badSegmentSize_isMisuse() {
    MapResolver keys = new MapResolver(1, Map.of(1, AeadKey.generate(AeadAlgorithm.AES256_GCM)));
    assertThatThrownBy(() -> new SegmentedStreamingAead(keys, 15, java.security.SecureRandom::new)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SegmentedStreamingAead(keys, (1 << 20) + 1, java.security.SecureRandom::new))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
