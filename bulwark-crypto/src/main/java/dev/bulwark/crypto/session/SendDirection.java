package dev.bulwark.crypto.session;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.internal.AeadEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/** The sending half: counter nonces, rekeying by messages or time. Guarded by the session. */
final class SendDirection {
  private final SessionParameters parameters;
  private byte[] key;
  private AeadEngine engine;
  private long epoch;
  private long counter;
  private Instant epochStart;

  SendDirection(byte[] key, long epoch, SessionParameters parameters) {
    this.parameters = parameters;
    this.key = key;
    this.engine = AeadEngine.create(parameters.algorithm(), key);
    this.epoch = epoch;
    this.epochStart = parameters.clock().instant();
  }

  long epoch() {
    return epoch;
  }

  byte[] seal(byte[] plaintext, byte[] associatedData) throws CryptoException {
    Instant now = parameters.clock().instant();
    if (counter >= parameters.rekeyAfterMessages()
        || Duration.between(epochStart, now).compareTo(parameters.rekeyAfter()) >= 0) {
      ratchet(now);
    }
    byte[] out = new byte[SessionMessage.HEADER_BYTES + plaintext.length + SessionMessage.TAG_BYTES];
    SessionMessage.writeHeader(out, epoch, counter);
    // Counted before sealing, so a nonce is never used twice even if sealing throws halfway.
    counter++;
    engine.seal(
        SessionMessage.nonce(out), 0, plaintext, 0, plaintext.length,
        SessionMessage.associatedData(out, associatedData), out, SessionMessage.HEADER_BYTES);
    return out;
  }

  private void ratchet(Instant now) throws CryptoException {
    if (epoch >= SessionKeys.MAX_EPOCH) {
      throw new CryptoException("session exhausted: no epochs left, start a new session");
    }
    byte[] next = SessionKeys.next(key);
    destroy();
    key = next;
    engine = AeadEngine.create(parameters.algorithm(), key);
    epoch++;
    counter = 0;
    epochStart = now;
  }

  void destroy() {
    engine.destroy();
    Arrays.fill(key, (byte) 0);
  }
}
