package dev.bulwark.crypto.streaming.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.streaming.StreamingAead;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Fuzzes the streaming reader with arbitrary bytes behind a valid-looking header prefix (so the
 * fuzzer reaches segment parsing). The only documented failure is {@link CryptoException}; a forged
 * stream must never decrypt to the end.
 */
class StreamingAeadReaderFuzzTest {
  private static final StreamingAead STREAMING = new SegmentedStreamingAead(
      new SegmentedStreamingAeadTest.MapResolver(1, Map.of(
          1, AeadKey.insecureFromBytes(AeadAlgorithm.AES256_GCM, new byte[32]),
          2, AeadKey.insecureFromBytes(AeadAlgorithm.XCHACHA20_POLY1305, new byte[32]))),
      16, java.security.SecureRandom::new);

  @FuzzTest
  void decrypt_arbitraryStream_throwsOnlyCryptoException(FuzzedDataProvider data) throws IOException {
    boolean withHeader = data.consumeBoolean();
    int keyId = data.consumeInt(1, 2);
    int segment = data.consumeBoolean() ? 16 : data.consumeInt();
    byte[] body = data.consumeRemainingAsBytes();
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    if (withHeader) {
      input.write(new byte[] {1, 0, 0, 0, (byte) keyId,
          (byte) (segment >>> 24), (byte) (segment >>> 16), (byte) (segment >>> 8), (byte) segment});
    }
    input.write(body);
    try {
      STREAMING.decrypt(new ByteArrayInputStream(input.toByteArray()), new ByteArrayOutputStream(), new byte[0]);
      throw new AssertionError("a forged stream decrypted to its end");
    } catch (CryptoException expected) {
      // the documented outcome
    }
  }
}
