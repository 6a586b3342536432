package dev.bulwark.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.channel.ChannelException;
import dev.bulwark.channel.ChannelSuite;
import dev.bulwark.channel.RekeyPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The record layer alone: sealing, sequence checks and the ratchet (docs/channel-protocol.md §2-3). */
class RecordDirectionTest {
  private static final byte[] IKM = new byte[64];
  private static final byte[] TH = new byte[32];
  private final AtomicLong clock = new AtomicLong();

  private SendDirection sender(ChannelSuite suite, RekeyPolicy policy) {
    return new SendDirection(suite, KeySchedule.initial(IKM, TH, suite, true), policy, clock::get);
  }

  private static ReceiveDirection receiver(ChannelSuite suite) {
    return new ReceiveDirection(suite, KeySchedule.initial(IKM, TH, suite, true));
  }

  private static byte[] open(ReceiveDirection receive, byte[] record) throws IOException {
    return RecordIo.read(new ByteArrayInputStream(record), receive).payload();
  }

  private static byte[] data(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @ParameterizedTest
  @EnumSource(ChannelSuite.class)
  void sealThenOpen_inOrder_roundTrips(ChannelSuite suite) throws IOException {
    SendDirection send = sender(suite, RekeyPolicy.defaults());
    ReceiveDirection receive = receiver(suite);
    for (int i = 0; i < 5; i++) {
      byte[] p = data("record " + i);
      assertThat(open(receive, send.seal(3, RecordHeader.DATA, p, 0, p.length))).isEqualTo(p);
    }
  }

  @Test
  void replay_refused() throws IOException {
    SendDirection send = sender(ChannelSuite.AES_256_GCM, RekeyPolicy.defaults());
    ReceiveDirection receive = receiver(ChannelSuite.AES_256_GCM);
    byte[] r = send.seal(1, RecordHeader.DATA, data("x"), 0, 1);
    open(receive, r);
    assertThatThrownBy(() -> open(receive, r)).isInstanceOf(ChannelException.class);
  }

  @Test
  void reorder_refused() throws IOException {
    SendDirection send = sender(ChannelSuite.AES_256_GCM, RekeyPolicy.defaults());
    ReceiveDirection receive = receiver(ChannelSuite.AES_256_GCM);
    send.seal(1, RecordHeader.DATA, data("a"), 0, 1);
    byte[] second = send.seal(1, RecordHeader.DATA, data("b"), 0, 1);
    assertThatThrownBy(() -> open(receive, second)).isInstanceOf(ChannelException.class);
  }

  @Test
  void reflectedRecord_otherDirectionKey_refused() throws IOException {
    SendDirection serverSend = new SendDirection(ChannelSuite.AES_256_GCM,
        KeySchedule.initial(IKM, TH, ChannelSuite.AES_256_GCM, false), RekeyPolicy.defaults(), clock::get);
    byte[] r = serverSend.seal(1, RecordHeader.DATA, data("x"), 0, 1);
    assertThatThrownBy(() -> open(receiver(ChannelSuite.AES_256_GCM), r)).isInstanceOf(ChannelException.class);
  }

  @Test
  void headerFieldsAreAuthenticated_anyBitFlipRefused() throws IOException {
    SendDirection send = sender(ChannelSuite.CHACHA20_POLY1305, RekeyPolicy.defaults());
    byte[] r = send.seal(7, RecordHeader.DATA, data("payload"), 0, 7);
    for (int i = 2; i < r.length; i++) {
      byte[] copy = r.clone();
      copy[i] ^= 0x10;
      ReceiveDirection fresh = receiver(ChannelSuite.CHACHA20_POLY1305);
      assertThatThrownBy(() -> open(fresh, copy)).as("bit flip at %d", i).isInstanceOf(ChannelException.class);
    }
  }

  @Test
  void truncated_refused() throws IOException {
    byte[] r = sender(ChannelSuite.AES_256_GCM, RekeyPolicy.defaults()).seal(1, RecordHeader.DATA, data("abc"), 0, 3);
    assertThatThrownBy(() -> open(receiver(ChannelSuite.AES_256_GCM), Arrays.copyOf(r, r.length - 1)))
        .isInstanceOf(ChannelException.class);
    assertThatThrownBy(() -> open(receiver(ChannelSuite.AES_256_GCM), Arrays.copyOf(r, 5)))
        .isInstanceOf(ChannelException.class);
  }

  @Test
  void rekeyByRecords_epochAdvancesAndReceiverFollows() throws IOException {
    SendDirection send = sender(ChannelSuite.AES_256_GCM, RekeyPolicy.defaults().withAfterRecords(3));
    ReceiveDirection receive = receiver(ChannelSuite.AES_256_GCM);
    for (int i = 0; i < 10; i++) {
      byte[] p = data("r" + i);
      assertThat(open(receive, send.seal(1, RecordHeader.DATA, p, 0, p.length))).isEqualTo(p);
    }
    assertThat(send.epoch()).isEqualTo(3);
    assertThat(receive.epoch()).isEqualTo(3);
  }

  @Test
  void rekeyByBytes_andByTime() throws IOException {
    SendDirection send = sender(ChannelSuite.AES_256_GCM,
        RekeyPolicy.defaults().withAfterBytes(10).withAfter(Duration.ofSeconds(1)));
    ReceiveDirection receive = receiver(ChannelSuite.AES_256_GCM);
    byte[] six = data("sixsix");
    open(receive, send.seal(1, RecordHeader.DATA, six, 0, 6));
    open(receive, send.seal(1, RecordHeader.DATA, six, 0, 6)); // 12 > 10 bytes: new epoch first
    assertThat(send.epoch()).isEqualTo(1);
    clock.addAndGet(Duration.ofSeconds(2).toNanos());
    open(receive, send.seal(1, RecordHeader.DATA, data("t"), 0, 1));
    assertThat(send.epoch()).isEqualTo(2);
    assertThat(receive.epoch()).isEqualTo(2);
  }

  @Test
  void forgedNextEpochHeader_doesNotMoveTheRatchet() throws IOException {
    SendDirection send = sender(ChannelSuite.AES_256_GCM, RekeyPolicy.defaults());
    ReceiveDirection receive = receiver(ChannelSuite.AES_256_GCM);
    byte[] r = send.seal(1, RecordHeader.DATA, data("x"), 0, 1);
    byte[] forged = r.clone();
    forged[5] = 1; // epoch 1, counter 0, but sealed under epoch 0
    assertThatThrownBy(() -> open(receive, forged)).isInstanceOf(ChannelException.class);
    assertThat(receive.epoch()).isZero();
    assertThat(open(receive, r)).containsExactly('x');
  }

  @Test
  void skippedEpoch_refused() throws IOException {
    SendDirection send = sender(ChannelSuite.AES_256_GCM, RekeyPolicy.defaults().withAfterRecords(1));
    ReceiveDirection receive = receiver(ChannelSuite.AES_256_GCM);
    send.seal(1, RecordHeader.DATA, data("a"), 0, 1);
    send.seal(1, RecordHeader.DATA, data("b"), 0, 1);
    byte[] third = send.seal(1, RecordHeader.DATA, data("c"), 0, 1); // epoch 2
    assertThatThrownBy(() -> open(receive, third)).isInstanceOf(ChannelException.class)
        .hasMessageContaining("epoch");
  }

  @Test
  void headerBounds_refusedBeforeBody() {
    byte[] header = new byte[RecordHeader.BYTES];
    header[0] = (byte) 0x40;
    header[1] = (byte) 0x11; // 16,401 > 16,400
    header[10] = RecordHeader.DATA;
    assertThatThrownBy(() -> RecordHeader.parse(header)).hasMessageContaining("length");
    header[0] = 0;
    header[1] = 15; // shorter than a tag
    assertThatThrownBy(() -> RecordHeader.parse(header)).hasMessageContaining("length");
    header[1] = 16;
    header[10] = 0;
    assertThatThrownBy(() -> RecordHeader.parse(header)).hasMessageContaining("type");
  }

  @Test
  void oversizedPlaintext_isApiMisuse() {
    SendDirection send = sender(ChannelSuite.AES_256_GCM, RekeyPolicy.defaults());
    byte[] big = new byte[RecordHeader.MAX_PLAINTEXT_BYTES + 1];
    assertThatThrownBy(() -> send.seal(1, RecordHeader.DATA, big, 0, big.length)).isInstanceOf(IllegalArgumentException.class);
  }
}
