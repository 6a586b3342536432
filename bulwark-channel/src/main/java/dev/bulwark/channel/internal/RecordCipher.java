package dev.bulwark.channel.internal;

import dev.bulwark.channel.ChannelException;
import dev.bulwark.channel.ChannelSuite;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One direction's key of one epoch, with the JDK AEAD behind it. The caller supplies a fresh nonce
 * per record (epoch || counter). Thread-safe: each call borrows a JDK {@link Cipher} from a small
 * pool (a {@code Cipher} itself is not thread-safe), so a session's writers can seal records of
 * different counters at once outside the send lock (docs/channel-protocol.md §4). Uniqueness of the
 * nonce is the caller's job, not this class's.
 */
final class RecordCipher {
  static final int TAG_BYTES = 16;
  static final int NONCE_BYTES = 12;
  private final ChannelSuite suite;
  private final byte[] key;
  private final SecretKeySpec keySpec;
  /** Idle JDK ciphers; at most this many are kept, extra ones made under contention are dropped. */
  private static final int POOLED_CIPHERS = 8;
  private final AtomicReferenceArray<Cipher> idle = new AtomicReferenceArray<>(POOLED_CIPHERS);

  RecordCipher(ChannelSuite suite, byte[] key) {
    this.suite = suite;
    this.key = key;
    // The JDK keeps its own copy of the key inside SecretKeySpec and cannot wipe it; docs say so.
    this.keySpec = new SecretKeySpec(key, suite == ChannelSuite.AES_256_GCM ? "AES" : "ChaCha20");
    idle.set(0, newCipher());
  }

  private Cipher newCipher() {
    try {
      return Cipher.getInstance(suite == ChannelSuite.AES_256_GCM ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + suite, e);
    }
  }

  private Cipher borrow() {
    for (int i = 0; i < POOLED_CIPHERS; i++) {
      Cipher cipher = idle.getAndSet(i, null);
      if (cipher != null) {
        return cipher;
      }
    }
    return newCipher();
  }

  /** Only a cipher whose last operation completed comes back; one that threw is dropped. */
  private void giveBack(Cipher cipher) {
    for (int i = 0; i < POOLED_CIPHERS; i++) {
      if (idle.compareAndSet(i, null, cipher)) {
        return;
      }
    }
    // every slot taken: this one is left to the garbage collector
  }

  byte[] key() {
    return key;
  }

  private AlgorithmParameterSpec spec(byte[] nonce) {
    return suite == ChannelSuite.AES_256_GCM ? new GCMParameterSpec(TAG_BYTES * 8, nonce) : new IvParameterSpec(nonce);
  }

  /**
   * Seals {@code length} bytes of {@code in} into {@code record} right after its header, which is
   * already written at {@code record[0..RecordHeader.BYTES)} and is the associated data.
   */
  void seal(byte[] nonce, byte[] in, int inOffset, int length, byte[] record) {
    seal(nonce, in, inOffset, length, record, 0);
  }

  /** Seals like {@link #seal(byte[], byte[], int, int, byte[])} into the record whose header is at {@code at}. */
  void seal(byte[] nonce, byte[] in, int inOffset, int length, byte[] record, int at) {
    Cipher cipher = borrow();
    try {
      cipher.init(Cipher.ENCRYPT_MODE, keySpec, spec(nonce));
      cipher.updateAAD(record, at, RecordHeader.BYTES);
      cipher.doFinal(in, inOffset, length, record, at + RecordHeader.BYTES);
      giveBack(cipher);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing a record failed", e);
    }
  }

  /**
   * Opens the record at {@code at} of {@code record} into the start of {@code out}, a buffer at least
   * {@code length - 16} long: its header is the associated data, and {@code length} bytes of
   * ciphertext and tag follow it. On failure {@code out} may hold garbage (the JDK zeroes what it
   * wrote): the caller must drop it, never read it.
   */
  void openInto(byte[] nonce, byte[] record, int at, int length, byte[] out) throws ChannelException {
    if (length < TAG_BYTES) {
      throw new ChannelException("record could not be opened: shorter than its tag");
    }
    Cipher cipher = borrow();
    try {
      cipher.init(Cipher.DECRYPT_MODE, keySpec, spec(nonce));
      cipher.updateAAD(record, at, RecordHeader.BYTES);
      cipher.doFinal(record, at + RecordHeader.BYTES, length, out, 0);
      giveBack(cipher);
    } catch (AEADBadTagException e) {
      throw new ChannelException("record failed authentication (tampered, replayed, reordered or truncated)");
    } catch (GeneralSecurityException e) {
      throw new ChannelException("record could not be opened", e);
    }
  }

  void destroy() {
    Arrays.fill(key, (byte) 0);
  }
}
