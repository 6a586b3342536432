package dev.bulwark.crypto.session;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.internal.AeadEngine;
import java.util.Arrays;

/**
 * The receiving half: accepts exactly the next message of the current epoch, or the first message
 * of the next epoch (ratcheting only once that message authenticated). Guarded by the session.
 */
final class ReceiveDirection {
  private final SessionParameters parameters;
  private byte[] key;
  private AeadEngine engine;
  private long epoch;
  private long expectedCounter;

  ReceiveDirection(byte[] key, long epoch, SessionParameters parameters) {
    this.parameters = parameters;
    this.key = key;
    this.engine = AeadEngine.create(parameters.algorithm(), key);
    this.epoch = epoch;
  }

  long epoch() {
    return epoch;
  }

  byte[] open(byte[] message, byte[] associatedData) throws CryptoException {
    SessionMessage.checkShape(message);
    long messageEpoch = SessionMessage.epoch(message);
    long counter = SessionMessage.counter(message);
    byte[] ad = SessionMessage.associatedData(message, associatedData);
    byte[] nonce = SessionMessage.nonce(message);
    byte[] plaintext = new byte[message.length - SessionMessage.HEADER_BYTES - SessionMessage.TAG_BYTES];
    if (messageEpoch == epoch && counter == expectedCounter) {
      if (counter >= SessionParameters.MAX_MESSAGES_PER_EPOCH) {
        throw new CryptoException("session message counter exhausted for this epoch");
      }
      engine.open(nonce, 0, message, SessionMessage.HEADER_BYTES,
          message.length - SessionMessage.HEADER_BYTES, ad, plaintext, 0);
      expectedCounter++;
      return plaintext;
    }
    if (messageEpoch == epoch + 1 && counter == 0 && epoch < SessionKeys.MAX_EPOCH) {
      byte[] nextKey = SessionKeys.next(key);
      AeadEngine nextEngine = AeadEngine.create(parameters.algorithm(), nextKey);
      try {
        nextEngine.open(nonce, 0, message, SessionMessage.HEADER_BYTES,
            message.length - SessionMessage.HEADER_BYTES, ad, plaintext, 0);
      } catch (CryptoException e) {
        nextEngine.destroy();
        Arrays.fill(nextKey, (byte) 0);
        throw e;
      }
      // Authenticated: follow the ratchet and erase the old key (forward secrecy).
      destroy();
      key = nextKey;
      engine = nextEngine;
      epoch = messageEpoch;
      expectedCounter = 1;
      return plaintext;
    }
    if (messageEpoch < epoch || (messageEpoch == epoch && counter < expectedCounter)) {
      throw new CryptoException("replayed or reordered session message");
    }
    throw new CryptoException("session message out of sequence (a message was dropped or forged)");
  }

  void destroy() {
    engine.destroy();
    Arrays.fill(key, (byte) 0);
  }
}
