package dev.bulwark.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.channel.ChannelException;
import dev.bulwark.channel.ChannelSuite;
import dev.bulwark.channel.RekeyPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Records opened by the stream's own application reader (docs/channel-protocol.md §4, "Opening on
 * the reading thread"): a real session on a loopback socket, its peer a raw socket that writes
 * records sealed here, so the test decides what arrives and when. Bulk DATA for a parked reader is
 * opened by that reader, in counter order, straight into its buffer; a tampered record delivers
 * nothing of itself and closes the session; records for another stream never wait on a helper
 * whose application stopped reading; the ratchet is followed across helpers.
 */
@Timeout(60)
class StreamReaderOpeningTest {
  private static final byte[] IKM = new byte[64];
  private static final byte[] TH = new byte[32];
  private static final int FULL = RecordHeader.MAX_PLAINTEXT_BYTES;
  private final SecureRandom random = new SecureRandom();
  private ServerSocket listener;
  private Socket peer;
  private Socket local;
  private Session session;

  @BeforeEach
  void connect() throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    peer = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    local = listener.accept();
    // The session's own records (OPEN, WINDOW) go to the peer, which discards them.
    Thread.ofVirtual().start(() -> {
      try {
        peer.getInputStream().transferTo(OutputStreamSink.INSTANCE);
      } catch (IOException ignored) {
        // closed by the test
      }
    });
    ReceiveDirection receive = new ReceiveDirection(ChannelSuite.AES_256_GCM, key(true));
    SendDirection send = new SendDirection(ChannelSuite.AES_256_GCM, key(false), RekeyPolicy.defaults(), System::nanoTime);
    Handshake.Result keys = new Handshake.Result(send, receive, ChannelSuite.AES_256_GCM, TH.clone(), null);
    TimedInput in = new TimedInput(local);
    session = new Session(local, in, local.getOutputStream(), keys, new Session.Options(false, 16, 0,
        10_000_000_000L, null, stream -> {}, () -> {}));
    Thread.ofVirtual().start(session::runReader);
  }

  @AfterEach
  void close() throws IOException {
    session.close();
    peer.close();
    listener.close();
  }

  private static byte[] key(boolean peerToLocal) {
    return KeySchedule.initial(IKM, TH, ChannelSuite.AES_256_GCM, peerToLocal);
  }

  /** The peer's sending half, keyed like the session's receiving half. */
  private static SendDirection peerSender(RekeyPolicy policy) {
    return new SendDirection(ChannelSuite.AES_256_GCM, key(true), policy, System::nanoTime);
  }

  private byte[] payload(int size) {
    byte[] p = new byte[size];
    random.nextBytes(p);
    return p;
  }

  /** Opens a stream and waits until its application reader (started by {@code reading}) is parked for DATA. */
  private static void awaitParked(StreamImpl stream) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!stream.parkedForData()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the stream's reader never parked");
      }
      Thread.sleep(1);
    }
  }

  /** Reads a stream to {@code expected} bytes (or its failure) with a 64 KiB buffer, on its own thread. */
  private static CompletableFuture<byte[]> readFully(StreamImpl stream, int expected, byte[][] lastBuffer) {
    return CompletableFuture.supplyAsync(() -> {
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      lastBuffer[0] = buffer;
      try {
        while (got.size() < expected) {
          int n = stream.read(buffer, 0, buffer.length);
          if (n < 0) {
            break;
          }
          got.write(buffer, 0, n);
        }
      } catch (IOException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
      return got.toByteArray();
    }, command -> Thread.ofVirtual().start(command));
  }

  @Test
  void bulkDataForAParkedReader_isOpenedByThatReader_inOrder_acrossRekeys() throws Exception {
    StreamImpl stream = (StreamImpl) session.openStream();
    // Rekey every 2 records: the helpers follow the ratchet exactly as the reader thread does.
    // Seven records and a short one fit the stream's initial window (the raw peer reads no WINDOW).
    SendDirection send = peerSender(RekeyPolicy.defaults().withAfterRecords(2));
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    for (int i = 0; i < 8; i++) {
      byte[] p = payload(i == 5 ? 5000 : i == 7 ? 1000 : FULL);
      sent.writeBytes(p);
      wire.writeBytes(send.seal(stream.id(), RecordHeader.DATA, p, 0, p.length));
    }
    CompletableFuture<byte[]> got = readFully(stream, sent.size(), new byte[1][]);
    awaitParked(stream);
    peer.getOutputStream().write(wire.toByteArray());
    assertThat(got.get(20, TimeUnit.SECONDS)).isEqualTo(sent.toByteArray());
    long[] opened = session.recordsOpenedByStreamReaders();
    assertThat(opened[0]).as("records opened by the stream's reader").isPositive();
    assertThat(opened[1]).as("records opened straight into its buffer").isPositive();
    assertThat(session.receiveEpoch()).isEqualTo(3);
    assertThat(session.isClosed()).isFalse();
  }

  @Test
  void tamperedRecordOpenedByAHelper_deliversNothingOfItself_andClosesTheSession() throws Exception {
    StreamImpl stream = (StreamImpl) session.openStream();
    SendDirection send = peerSender(RekeyPolicy.defaults());
    ByteArrayOutputStream good = new ByteArrayOutputStream();
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    byte[] attacked = null;
    for (int i = 0; i < 8; i++) {
      byte[] p = payload(FULL);
      byte[] record = send.seal(stream.id(), RecordHeader.DATA, p, 0, p.length);
      if (i == 3) {
        attacked = p;
        record[RecordHeader.BYTES + 500] ^= 1;
      } else if (i < 3) {
        good.writeBytes(p);
      }
      wire.writeBytes(record);
    }
    byte[][] buffer = new byte[1][];
    CompletableFuture<byte[]> got = readFully(stream, Integer.MAX_VALUE, buffer);
    awaitParked(stream);
    try {
      peer.getOutputStream().write(wire.toByteArray());
    } catch (IOException closedFirst) {
      // the session refused record 3 and closed before the peer finished writing
    }
    assertThatThrownBy(() -> got.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(ChannelException.class);
    assertThat(session.isClosed()).isTrue();
    assertThat(session.recordsOpenedByStreamReaders()[0]).as("records opened by the stream's reader").isPositive();
    // Nothing of the attacked record survives in the application's buffer, not even a fragment.
    byte[] fragment = Arrays.copyOfRange(attacked, 0, 64);
    assertThat(indexOf(buffer[0], fragment)).isEqualTo(-1);
    assertThat(indexOf(buffer[0], Arrays.copyOfRange(attacked, FULL - 64, FULL))).isEqualTo(-1);
  }

  @Test
  void recordsForAnotherStream_doNotWaitOnAHelperWhoseApplicationStoppedReading() throws Exception {
    StreamImpl busy = (StreamImpl) session.openStream();
    StreamImpl other = (StreamImpl) session.openStream();
    SendDirection send = peerSender(RekeyPolicy.defaults());
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      records.add(send.seal(busy.id(), RecordHeader.DATA, payload(FULL), 0, FULL));
    }
    byte[] forOther = payload(FULL);
    records.add(send.seal(other.id(), RecordHeader.DATA, forOther, 0, FULL));
    // The busy stream's application reads once, 100 bytes, and then never again.
    CompletableFuture<Integer> once = CompletableFuture.supplyAsync(() -> {
      try {
        return busy.read(new byte[100], 0, 100);
      } catch (IOException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, command -> Thread.ofVirtual().start(command));
    awaitParked(busy);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    records.forEach(wire::writeBytes);
    peer.getOutputStream().write(wire.toByteArray());
    assertThat(once.get(10, TimeUnit.SECONDS)).isEqualTo(100);
    // Nothing more arrives: the other stream's record must still reach it.
    CompletableFuture<byte[]> got = readFully(other, FULL, new byte[1][]);
    assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo(forOther);
    assertThat(busy.available()).isEqualTo(3 * FULL - 100);
  }

  @org.junit.jupiter.api.RepeatedTest(15)
  void interleavedStreams_randomReadSizes_rekeys_everyStreamGetsExactlyItsBytesInOrder() throws Exception {
    int streams = 6;
    SendDirection send = peerSender(RekeyPolicy.defaults().withAfterRecords(3));
    List<StreamImpl> opened = new ArrayList<>();
    List<ByteArrayOutputStream> sent = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      opened.add((StreamImpl) session.openStream());
      sent.add(new ByteArrayOutputStream());
    }
    // Each stream gets at most its initial window (the raw peer reads no WINDOW): 128 KiB.
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    int[] budget = new int[streams];
    java.util.Arrays.fill(budget, StreamImpl.INITIAL_WINDOW_BYTES);
    for (int r = 0; r < 60; r++) {
      int i = random.nextInt(streams);
      int size = Math.min(budget[i], random.nextBoolean() ? FULL : 1 + random.nextInt(FULL));
      if (size == 0) {
        continue;
      }
      budget[i] -= size;
      byte[] p = payload(size);
      sent.get(i).writeBytes(p);
      wire.writeBytes(send.seal(opened.get(i).id(), RecordHeader.DATA, p, 0, size));
    }
    List<CompletableFuture<byte[]>> got = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      StreamImpl stream = opened.get(i);
      int expected = sent.get(i).size();
      got.add(CompletableFuture.supplyAsync(() -> {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        java.util.Random sizes = new java.util.Random(stream.id());
        try {
          while (all.size() < expected) {
            byte[] buffer = new byte[1 + sizes.nextInt(70_000)];
            int n = stream.read(buffer, 0, buffer.length);
            all.write(buffer, 0, n);
          }
        } catch (IOException e) {
          throw new java.util.concurrent.CompletionException(e);
        }
        return all.toByteArray();
      }, command -> Thread.ofVirtual().start(command)));
    }
    awaitParked(opened.get(0));
    byte[] bytes = wire.toByteArray();
    // Written in uneven pieces, so records arrive while helpers run, away, or not yet started.
    for (int at = 0; at < bytes.length; ) {
      int n = Math.min(bytes.length - at, 1 + random.nextInt(40_000));
      peer.getOutputStream().write(bytes, at, n);
      at += n;
      if (random.nextInt(4) == 0) {
        Thread.sleep(1);
      }
    }
    for (int i = 0; i < streams; i++) {
      assertThat(got.get(i).get(20, TimeUnit.SECONDS)).as("stream %d", i).isEqualTo(sent.get(i).toByteArray());
    }
    assertThat(session.isClosed()).isFalse();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Discards what it is given. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
