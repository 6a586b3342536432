package dev.bulwark.crypto.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SecureSessionTest {
  private static final byte[] CONTEXT = "transcript-hash".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AD = new byte[0];

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-11-23T12:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final SessionSecret secret = SessionSecret.generate();

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @EnumSource(value = AeadAlgorithm.class, names = {"AES256_GCM", "CHACHA20_POLY1305"})
  void bothDirections_roundTripWithDocumentedHeader(AeadAlgorithm algorithm) throws CryptoException {
    SessionParameters parameters = SessionParameters.defaults().withAlgorithm(algorithm);
    SecureSession client = SecureSession.initiator(secret, CONTEXT, parameters);
    SecureSession server = SecureSession.responder(secret, CONTEXT, parameters);
    for (int i = 0; i < 3; i++) {
      byte[] message = client.encrypt(bytes("ping " + i), AD);
      assertThat(message[0]).isEqualTo((byte) 1);
      assertThat(SessionMessage.epoch(message)).isZero();
      assertThat(SessionMessage.counter(message)).isEqualTo(i);
      assertThat(message).hasSize(13 + bytes("ping " + i).length + 16);
      assertThat(server.decrypt(message, AD)).asString(StandardCharsets.UTF_8).isEqualTo("ping " + i);
      assertThat(client.decrypt(server.encrypt(bytes("pong"), AD), AD)).asString(StandardCharsets.UTF_8).isEqualTo("pong");
    }
  }

  @Test
  void reflectedMessage_isRejectedBecauseDirectionsHaveTheirOwnKeys() throws CryptoException {
    SecureSession client = SecureSession.initiator(secret, CONTEXT, SessionParameters.defaults());
    byte[] message = client.encrypt(bytes("hi"), AD);
    assertThatThrownBy(() -> client.decrypt(message, AD)).isInstanceOf(CryptoException.class);
  }

  @Test
  void rekeyAfterMessages_receiverFollowsTheRatchet() throws CryptoException {
    SessionParameters parameters = SessionParameters.defaults().withRekeyAfterMessages(3);
    SecureSession client = SecureSession.initiator(secret, CONTEXT, parameters);
    SecureSession server = SecureSession.responder(secret, CONTEXT, parameters);
    for (int i = 0; i < 10; i++) {
      byte[] message = client.encrypt(bytes("m" + i), AD);
      assertThat(SessionMessage.epoch(message)).isEqualTo(i / 3);
      assertThat(SessionMessage.counter(message)).isEqualTo(i % 3);
      assertThat(server.decrypt(message, AD)).asString(StandardCharsets.UTF_8).isEqualTo("m" + i);
    }
    assertThat(client.sendEpoch()).isEqualTo(3);
    assertThat(server.receiveEpoch()).isEqualTo(3);
  }

  @Test
  void rekeyAfterTime_usesTheInjectedClock() throws CryptoException {
    ManualClock clock = new ManualClock();
    SessionParameters parameters = SessionParameters.defaults().withRekeyAfter(Duration.ofMinutes(5)).withClock(clock);
    SecureSession client = SecureSession.initiator(secret, CONTEXT, parameters);
    SecureSession server = SecureSession.responder(secret, CONTEXT, parameters);
    server.decrypt(client.encrypt(bytes("a"), AD), AD);
    clock.advance(Duration.ofMinutes(4));
    byte[] stillEpoch0 = client.encrypt(bytes("b"), AD);
    assertThat(SessionMessage.epoch(stillEpoch0)).isZero();
    server.decrypt(stillEpoch0, AD);
    clock.advance(Duration.ofMinutes(1));
    byte[] epoch1 = client.encrypt(bytes("c"), AD);
    assertThat(SessionMessage.epoch(epoch1)).isEqualTo(1);
    assertThat(SessionMessage.counter(epoch1)).isZero();
    assertThat(server.decrypt(epoch1, AD)).asString(StandardCharsets.UTF_8).isEqualTo("c");
  }

  @Test
  void messageOfAnOldEpoch_isRefusedAfterTheRatchet() throws CryptoException {
    SessionParameters parameters = SessionParameters.defaults().withRekeyAfterMessages(1);
    SecureSession client = SecureSession.initiator(secret, CONTEXT, parameters);
    SecureSession server = SecureSession.responder(secret, CONTEXT, parameters);
    byte[] old = client.encrypt(bytes("epoch 0"), AD);
    server.decrypt(old, AD);
    server.decrypt(client.encrypt(bytes("epoch 1"), AD), AD);
    assertThatThrownBy(() -> server.decrypt(old, AD)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("replayed");
  }

  @Test
  void ratchet_isOneWayAndChangesTheKey() {
    byte[] key = new byte[32];
    byte[] next = SessionKeys.next(key);
    assertThat(next).hasSize(32).isNotEqualTo(key);
    assertThat(SessionKeys.next(next)).isNotEqualTo(next);
  }

  @Test
  void replay_isRejectedAndClosesTheSession() throws CryptoException {
    SecureSession client = SecureSession.initiator(secret, CONTEXT, SessionParameters.defaults());
    SecureSession server = SecureSession.responder(secret, CONTEXT, SessionParameters.defaults());
    byte[] message = client.encrypt(bytes("once"), AD);
    server.decrypt(message, AD);
    assertThatThrownBy(() -> server.decrypt(message, AD)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("replayed");
    assertThat(server.isClosed()).isTrue();
    byte[] next = client.encrypt(bytes("next"), AD);
    assertThatThrownBy(() -> server.decrypt(next, AD)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void reorderedOrDroppedMessage_isRejected() throws CryptoException {
    SecureSession client = SecureSession.initiator(secret, CONTEXT, SessionParameters.defaults());
    SecureSession server = SecureSession.responder(secret, CONTEXT, SessionParameters.defaults());
    client.encrypt(bytes("first"), AD);
    byte[] second = client.encrypt(bytes("second"), AD);
    assertThatThrownBy(() -> server.decrypt(second, AD)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("out of sequence");
  }

  @Test
  void tamperedByteAnywhere_isRejected() throws CryptoException {
    SecureSession client = SecureSession.initiator(secret, CONTEXT, SessionParameters.defaults());
    byte[] message = client.encrypt(bytes("integrity"), bytes("ad"));
    for (int i = 0; i < message.length; i++) {
      SecureSession server = SecureSession.responder(secret, CONTEXT, SessionParameters.defaults());
      byte[] tampered = message.clone();
      tampered[i] ^= 0x01;
      assertThatThrownBy(() -> server.decrypt(tampered, bytes("ad"))).as("byte %d", i)
          .isInstanceOf(CryptoException.class);
    }
    SecureSession server = SecureSession.responder(secret, CONTEXT, SessionParameters.defaults());
    assertThatThrownBy(() -> server.decrypt(message, bytes("other ad"))).isInstanceOf(CryptoException.class);
  }

  @Test
  void truncatedMessage_isRejected() throws CryptoException {
    byte[] message = SecureSession.initiator(secret, CONTEXT, SessionParameters.defaults()).encrypt(bytes("x"), AD);
    for (int length = 0; length < message.length; length++) {
      SecureSession server = SecureSession.responder(secret, CONTEXT, SessionParameters.defaults());
      byte[] truncated = java.util.Arrays.copyOf(message, length);
      assertThatThrownBy(() -> server.decrypt(truncated, AD)).isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void forgedNextEpochMessage_doesNotAdvanceTheReceiver() throws CryptoException {
    SecureSession client = SecureSession.initiator(secret, CONTEXT, SessionParameters.defaults());
    SecureSession server = SecureSession.responder(secret, CONTEXT, SessionParameters.defaults());
    byte[] forged = client.encrypt(bytes("forged"), AD);
    forged[4] = 1; // claims epoch 1, counter 0
    assertThatThrownBy(() -> server.decrypt(forged, AD)).isInstanceOf(CryptoException.class);
    assertThat(server.receiveEpoch()).isZero();
  }

  @Test
  void otherContextOrSecret_cannotDecrypt() throws CryptoException {
    byte[] message = SecureSession.initiator(secret, CONTEXT, SessionParameters.defaults()).encrypt(bytes("x"), AD);
    assertThatThrownBy(() -> SecureSession.responder(secret, bytes("other"), SessionParameters.defaults()).decrypt(message, AD))
        .isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> SecureSession.responder(SessionSecret.generate(), CONTEXT, SessionParameters.defaults())
        .decrypt(message, AD)).isInstanceOf(CryptoException.class);
    SessionParameters chacha = SessionParameters.defaults().withAlgorithm(AeadAlgorithm.CHACHA20_POLY1305);
    assertThatThrownBy(() -> SecureSession.responder(secret, CONTEXT, chacha).decrypt(message, AD))
        .isInstanceOf(CryptoException.class);
  }

  @Test
  void epochExhaustion_closesTheSession() throws CryptoException {
    SessionParameters parameters = SessionParameters.defaults().withRekeyAfterMessages(1);
    SecureSession client = SecureSession.create(secret, CONTEXT, parameters, true, SessionKeys.MAX_EPOCH);
    SecureSession server = SecureSession.create(secret, CONTEXT, parameters, false, SessionKeys.MAX_EPOCH);
    server.decrypt(client.encrypt(bytes("last one"), AD), AD);
    assertThatThrownBy(() -> client.encrypt(bytes("one too many"), AD)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("exhausted");
    assertThat(client.isClosed()).isTrue();
    assertThatThrownBy(() -> client.encrypt(bytes("again"), AD)).isInstanceOf(CryptoException.class);
  }

  @Test
  void closedSession_refusesBothDirections() throws CryptoException {
    SecureSession client = SecureSession.initiator(secret, CONTEXT, SessionParameters.defaults());
    byte[] message = SecureSession.responder(secret, CONTEXT, SessionParameters.defaults()).encrypt(bytes("x"), AD);
    client.close();
    assertThatThrownBy(() -> client.encrypt(bytes("x"), AD)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> client.decrypt(message, AD)).isInstanceOf(CryptoException.class);
  }

  @Test
  void concurrentSenders_neverRepeatACounter() throws Exception {
    SessionParameters parameters = SessionParameters.defaults().withRekeyAfterMessages(50);
    SecureSession client = SecureSession.initiator(secret, CONTEXT, parameters);
    List<byte[]> messages = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 100; i++) {
          try {
            messages.add(client.encrypt(bytes("m"), AD));
          } catch (CryptoException e) {
            throw new AssertionError(e);
          }
        }
      });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(messages.stream().map(m -> SessionMessage.epoch(m) + ":" + SessionMessage.counter(m)).distinct())
        .hasSize(400);
  }

  @Test
  void parameters_rejectUnsafeValues() {
    SessionParameters defaults = SessionParameters.defaults();
    assertThatThrownBy(() -> defaults.withAlgorithm(AeadAlgorithm.XCHACHA20_POLY1305)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withRekeyAfterMessages(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withRekeyAfterMessages((1L << 32) + 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withRekeyAfter(Duration.ofMillis(10))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SessionSecret.insecureFromBytes(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    assertThat(SessionSecret.generate().toString()).isEqualTo("SessionSecret");
  }
}
