package dev.bulwark.crypto.session;

import dev.bulwark.crypto.CryptoException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A two-party encrypted session with forward secrecy by key ratcheting: the building block of the
 * secure channel. Each direction has its own key, derived by HKDF from a shared master secret and a
 * context; messages carry a 96-bit counter nonce that never repeats under one key; after {@link
 * SessionParameters#rekeyAfterMessages()} messages or {@link SessionParameters#rekeyAfter()} the
 * sender ratchets its key forward by HKDF and erases the old one, and the epoch number in every
 * message lets the receiver follow (format: docs/secure-session.md).
 *
 * {@snippet :
 * SecureSession client = SecureSession.initiator(secret, context, SessionParameters.defaults());
 * SecureSession server = SecureSession.responder(secret, context, SessionParameters.defaults());
 * byte[] message = client.encrypt(request, new byte[0]);
 * byte[] request2 = server.decrypt(message, new byte[0]);   // throws on tamper, replay, reorder
 * }
 *
 * <p>The receiver accepts exactly the next message: replays, reordered and dropped messages are all
 * refused (the session is meant for an ordered, reliable transport). Fail-closed: the first refused
 * message, an exhausted counter or {@link #close()} closes the session for good, and its keys are
 * erased; every later call throws {@link CryptoException}. Unlike the rekeying session of common
 * guides, decryption keeps working across a rekey: the receiver ratchets only when the first message
 * of the next epoch has authenticated.
 *
 * <p>Warning: the JDK's AES-GCM and ChaCha20-Poly1305 keep a {@code SecretKeySpec} copy of each epoch
 * key that cannot be wiped, only dropped; forward secrecy holds against a later capture of this
 * object's state, not of the whole heap before garbage collection.
 *
 * <p>Thread-safe: sending and receiving each take their own lock.
 */
public final class SecureSession implements AutoCloseable {
  private final Object sendLock = new Object();
  private final Object receiveLock = new Object();
  private final SendDirection send;
  private final ReceiveDirection receive;
  private volatile boolean closed;

  SecureSession(byte[] sendKey, byte[] receiveKey, long startEpoch, SessionParameters parameters) {
    this.send = new SendDirection(sendKey, startEpoch, parameters);
    this.receive = new ReceiveDirection(receiveKey, startEpoch, parameters);
  }

  /** The side that started the exchange (the client). */
  public static SecureSession initiator(SessionSecret masterSecret, byte[] context, SessionParameters parameters) {
    return create(masterSecret, context, parameters, true);
  }

  /** The side that answered (the server). */
  public static SecureSession responder(SessionSecret masterSecret, byte[] context, SessionParameters parameters) {
    return create(masterSecret, context, parameters, false);
  }

  static SecureSession create(
      SessionSecret masterSecret, byte[] context, SessionParameters parameters, boolean initiator) {
    return create(masterSecret, context, parameters, initiator, 0);
  }

  static SecureSession create(
      SessionSecret masterSecret, byte[] context, SessionParameters parameters, boolean initiator, long startEpoch) {
    Objects.requireNonNull(masterSecret, "masterSecret");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(parameters, "parameters");
    byte[] master = masterSecret.insecureExportBytes();
    try {
      byte[] i2r = SessionKeys.initial(master, context, parameters.algorithm(), true);
      byte[] r2i = SessionKeys.initial(master, context, parameters.algorithm(), false);
      return initiator
          ? new SecureSession(i2r, r2i, startEpoch, parameters)
          : new SecureSession(r2i, i2r, startEpoch, parameters);
    } finally {
      Arrays.fill(master, (byte) 0);
    }
  }

  /**
   * Encrypts one message to the peer.
   *
   * @return {@code 0x01 | epoch | counter | ciphertext || tag}
   * @throws CryptoException if the session is closed or has no epochs left (it is then closed)
   */
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws CryptoException {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(associatedData, "associatedData");
    CryptoException failure;
    synchronized (sendLock) {
      checkOpen();
      try {
        return send.seal(plaintext, associatedData);
      } catch (CryptoException e) {
        failure = e;
      }
    }
    // Outside the lock: close() takes both locks one after the other, never nested.
    close();
    throw failure;
  }

  /**
   * Verifies and decrypts the peer's next message.
   *
   * @throws CryptoException if the message is truncated, modified, replayed, reordered, out of
   *     sequence, or the session is closed; the session is closed afterwards
   */
  public byte[] decrypt(byte[] message, byte[] associatedData) throws CryptoException {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(associatedData, "associatedData");
    CryptoException failure;
    synchronized (receiveLock) {
      checkOpen();
      try {
        return receive.open(message, associatedData);
      } catch (CryptoException e) {
        failure = e;
      }
    }
    close();
    throw failure;
  }

  /** The epoch this side currently sends in. */
  public long sendEpoch() {
    synchronized (sendLock) {
      return send.epoch();
    }
  }

  /** The epoch of the last message this side accepted. */
  public long receiveEpoch() {
    synchronized (receiveLock) {
      return receive.epoch();
    }
  }

  /** Whether the session was closed (by {@link #close()} or by a refused message). */
  public boolean isClosed() {
    return closed;
  }

  /** Closes the session and erases its keys. Idempotent. */
  @Override
  public void close() {
    closed = true;
    synchronized (sendLock) {
      send.destroy();
    }
    synchronized (receiveLock) {
      receive.destroy();
    }
  }

  private void checkOpen() throws CryptoException {
    if (closed) {
      throw new CryptoException("session closed");
    }
  }

  @Override
  public String toString() {
    return "SecureSession[" + (closed ? "closed" : "open") + "]";
  }
}
