package dev.bulwark.crypto.session;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.crypto.CryptoException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link SecureSession#decrypt} of a fresh responder with arbitrary bytes, optionally behind
 * a well-formed header for epoch 0 or 1 (so the fuzzer reaches the cipher and the ratchet). Only
 * {@link CryptoException} may escape, a forgery never decrypts, and a refusal closes the session.
 */
class SecureSessionDecryptFuzzTest {
  private static final SessionSecret SECRET = SessionSecret.insecureFromBytes(new byte[32]);
  private static final byte[] CONTEXT = "fuzz".getBytes(StandardCharsets.US_ASCII);

  @FuzzTest
  void decrypt_arbitraryBytes_throwsOnlyCryptoException(FuzzedDataProvider data) {
    SecureSession server = SecureSession.responder(SECRET, CONTEXT, SessionParameters.defaults());
    boolean withHeader = data.consumeBoolean();
    int epoch = data.consumeInt(0, 1);
    long counter = data.consumeBoolean() ? 0 : data.consumeLong();
    byte[] body = data.consumeRemainingAsBytes();
    byte[] message = body;
    if (withHeader) {
      message = new byte[SessionMessage.HEADER_BYTES + body.length];
      SessionMessage.writeHeader(message, epoch, counter);
      System.arraycopy(body, 0, message, SessionMessage.HEADER_BYTES, body.length);
    }
    try {
      server.decrypt(message, new byte[0]);
      throw new AssertionError("a forged session message decrypted");
    } catch (CryptoException expected) {
      if (!server.isClosed()) {
        throw new AssertionError("a refused message left the session open", expected);
      }
    }
  }
}
