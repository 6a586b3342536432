package dev.bulwark.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.channel.ChannelException;
import dev.bulwark.channel.ChannelSuite;
import dev.bulwark.channel.RekeyPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session's read path (docs/channel-protocol.md §4, bulk path): records read through the read
 * buffer and opened in place, whatever the socket's fragmentation; the read deadline for a record
 * whose first bytes came with an earlier read; a tampered record refused; the buffer pools.
 */
class BufferedRecordReadTest {
  private static final byte[] IKM = new byte[64];
  private static final byte[] TH = new byte[32];
  private ServerSocket listener;
  private Socket client;
  private Socket server;

  @BeforeEach
  void connect() throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    server = listener.accept();
  }

  @AfterEach
  void close() throws IOException {
    client.close();
    server.close();
    listener.close();
  }

  private static SendDirection sender() {
    return new SendDirection(ChannelSuite.AES_256_GCM, KeySchedule.initial(IKM, TH, ChannelSuite.AES_256_GCM, true),
        RekeyPolicy.defaults(), System::nanoTime);
  }

  private static ReceiveDirection receiver() {
    return new ReceiveDirection(ChannelSuite.AES_256_GCM, KeySchedule.initial(IKM, TH, ChannelSuite.AES_256_GCM, true));
  }

  private TimedInput bufferedInput() throws IOException {
    TimedInput in = new TimedInput(server);
    in.buffered();
    return in;
  }

  private static byte[] plaintext(RecordIo.Opened opened) {
    byte[] p = new byte[opened.length()];
    System.arraycopy(opened.plaintext(), 0, p, 0, opened.length());
    return p;
  }

  @Test
  void recordsOfEverySize_inOddFragments_comeOutWholeAndInOrder() throws Exception {
    SendDirection send = sender();
    ReceiveDirection receive = receiver();
    SecureRandom random = new SecureRandom();
    List<byte[]> payloads = new ArrayList<>();
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    int[] sizes = {16384, 16384, 4, 16384, 1, 16384, 16384, 16384, 16384, 5000, 4095, 4096, 16384};
    for (int size : sizes) {
      byte[] p = new byte[size];
      random.nextBytes(p);
      payloads.add(p);
      wire.writeBytes(send.seal(1, RecordHeader.DATA, p, 0, size));
    }
    byte[] bytes = wire.toByteArray();
    Thread writer = Thread.ofVirtual().start(() -> {
      try {
        OutputStream out = client.getOutputStream();
        int at = 0;
        int step = 1;
        while (at < bytes.length) {
          int n = Math.min(step, bytes.length - at);
          out.write(bytes, at, n);
          out.flush();
          at += n;
          step = step * 7 % 20011 + 1; // 1, 8, 57, ...: fragments that cut headers and bodies anywhere
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    TimedInput in = bufferedInput();
    for (int i = 0; i < sizes.length; i++) {
      in.awaitRecord(10_000, 10_000_000_000L);
      RecordIo.Opened opened = RecordIo.readBuffered(in, receive);
      assertThat(opened.header().type()).isEqualTo(RecordHeader.DATA);
      assertThat(opened.pooled()).isEqualTo(sizes[i] >= BufferPool.MIN_POOLED_PLAINTEXT);
      assertThat(plaintext(opened)).as("record %d", i).isEqualTo(payloads.get(i));
    }
    writer.join();
  }

  @Test
  void recordWhoseStartCameWithAnEarlierRead_mustFinishWithinTheReadTimeout_notTheIdleTimeout() throws Exception {
    SendDirection send = sender();
    byte[] first = send.seal(1, RecordHeader.DATA, new byte[100], 0, 100);
    byte[] second = send.seal(1, RecordHeader.DATA, new byte[100], 0, 100);
    byte[] both = new byte[first.length + 5];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, 5); // the next record starts, then the peer stalls
    client.getOutputStream().write(both);
    TimedInput in = bufferedInput();
    ReceiveDirection receive = receiver();
    in.awaitRecord(60_000, 300_000_000L);
    assertThat(RecordIo.readBuffered(in, receive).length()).isEqualTo(100);
    in.awaitRecord(60_000, 300_000_000L);
    long start = System.nanoTime();
    assertThatThrownBy(() -> RecordIo.readBuffered(in, receive)).isInstanceOf(SocketTimeoutException.class);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(millis).isBetween(200L, 5_000L);
  }

  @Test
  void tamperedRecord_isRefused() throws Exception {
    byte[] record = sender().seal(1, RecordHeader.DATA, new byte[16384], 0, 16384);
    record[RecordHeader.BYTES + 100] ^= 1;
    client.getOutputStream().write(record);
    TimedInput in = bufferedInput();
    in.awaitRecord(10_000, 10_000_000_000L);
    assertThatThrownBy(() -> RecordIo.readBuffered(in, receiver())).isInstanceOf(ChannelException.class);
  }

  @Test
  void connectionClosedMidRecord_isAnError_notAShortRecord() throws Exception {
    byte[] record = sender().seal(1, RecordHeader.DATA, new byte[1000], 0, 1000);
    client.getOutputStream().write(record, 0, 500);
    client.close();
    TimedInput in = bufferedInput();
    in.awaitRecord(10_000, 10_000_000_000L);
    assertThatThrownBy(() -> RecordIo.readBuffered(in, receiver())).isInstanceOf(IOException.class);
  }

  @Test
  void bufferPool_reusesWhatWasGivenBack_andRefusesForeignArrays() {
    BufferPool pool = new BufferPool(64);
    byte[] taken = pool.take();
    assertThat(taken).hasSize(64);
    assertThat(pool.take()).isNotSameAs(taken); // empty pool: a new array
    pool.give(taken);
    assertThat(pool.take()).isSameAs(taken);
    assertThatThrownBy(() -> pool.give(new byte[10])).isInstanceOf(IllegalArgumentException.class);
    for (int i = 0; i <= BufferPool.SLOTS; i++) {
      pool.give(new byte[64]); // one more than it keeps: the extra one is dropped, not an error
    }
    assertThat(BufferPool.SEALED.take()).hasSize(Session.RUN_RECORDS * (RecordHeader.BYTES + RecordHeader.MAX_LENGTH));
  }
}
