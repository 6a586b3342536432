package dev.bulwark.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.channel.ChannelException;
import dev.bulwark.channel.ChannelSuite;
import dev.bulwark.channel.RekeyPolicy;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Sealing outside the send lock (docs/channel-protocol.md §4): many threads send on many streams of
 * one session while the sender ratchets every few records; a raw receiver on the other end of the
 * socket opens every record with a fresh {@link ReceiveDirection}, which accepts only the next
 * counter of the current epoch or counter 0 of the next one, so one reordered, repeated or skipped
 * nonce fails the test. Every stream's bytes are compared by SHA-256 with what its writer sent.
 */
class ParallelSealTest {
  private static final byte[] IKM = new byte[64];
  private static final byte[] TH = new byte[32];

  /** What the raw receiver saw: per stream the bytes, and the (epoch, counter) of every record. */
  private record Seen(Map<Integer, byte[]> streams, List<long[]> nonces, IOException failure) {}

  @ParameterizedTest
  @EnumSource(ChannelSuite.class)
  void manyWritersWithRekeyEveryFewRecords_receiverOpensEveryRecordInCounterOrder(ChannelSuite suite) throws Exception {
    int writers = 16;
    int chunksPerWriter = 200;
    RekeyPolicy tight = RekeyPolicy.defaults().withAfterRecords(3);
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
        Socket server = listener.accept()) {
      Session session = session(client, suite, tight);
      ReceiveDirection receive = new ReceiveDirection(suite, KeySchedule.initial(IKM, TH, suite, true));
      Thread reader;
      Seen[] seen = new Seen[1];
      reader = Thread.ofVirtual().start(() -> seen[0] = readAll(server, receive));

      Map<Integer, byte[]> sentHashes = new ConcurrentHashMap<>();
      AtomicInteger failures = new AtomicInteger();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int w = 1; w <= writers; w++) {
        int streamId = w;
        threads.add(Thread.ofVirtual().start(() -> {
          ByteArrayOutputStream sent = new ByteArrayOutputStream();
          try {
            start.await();
            for (int i = 0; i < chunksPerWriter; i++) {
              byte[] chunk = new byte[1 + ThreadLocalRandom.current().nextInt(RecordHeader.MAX_PLAINTEXT_BYTES)];
              ThreadLocalRandom.current().nextBytes(chunk);
              session.send(streamId, RecordHeader.DATA, chunk, 0, chunk.length);
              sent.writeBytes(chunk);
            }
            sentHashes.put(streamId, sha256(sent.toByteArray()));
          } catch (IOException | InterruptedException e) {
            failures.incrementAndGet();
          }
        }));
      }
      start.countDown();
      for (Thread t : threads) {
        t.join();
      }
      client.shutdownOutput();
      reader.join();

      assertThat(seen[0].failure()).isNull();
      assertThat(failures).hasValue(0);
      assertThat(session.isClosed()).isFalse();
      assertThat(seen[0].nonces()).hasSize(writers * chunksPerWriter);
      assertStrictlyIncreasing(seen[0].nonces());
      assertThat(seen[0].nonces().getLast()[0]).as("last epoch").isEqualTo((writers * chunksPerWriter - 1) / 3);
      assertThat(session.sendEpoch()).isEqualTo((writers * chunksPerWriter - 1) / 3);
      for (int w = 1; w <= writers; w++) {
        assertThat(sha256(seen[0].streams().get(w))).as("stream %d", w).isEqualTo(sentHashes.get(w));
      }
      session.close();
    }
  }

  @Test
  void closedWhileWritersSeal_everyWriterFailsAndTheWireHoldsAnUnbrokenPrefix() throws Exception {
    RekeyPolicy tight = RekeyPolicy.defaults().withAfterRecords(2);
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
        Socket server = listener.accept()) {
      Session session = session(client, ChannelSuite.CHACHA20_POLY1305, tight);
      ReceiveDirection receive = new ReceiveDirection(ChannelSuite.CHACHA20_POLY1305,
          KeySchedule.initial(IKM, TH, ChannelSuite.CHACHA20_POLY1305, true));
      Seen[] seen = new Seen[1];
      Thread reader = Thread.ofVirtual().start(() -> seen[0] = readAll(server, receive));
      AtomicLong sentRecords = new AtomicLong();
      AtomicInteger failed = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      byte[] chunk = new byte[8192];
      for (int w = 1; w <= 16; w++) {
        int streamId = w;
        threads.add(Thread.ofVirtual().start(() -> {
          try {
            while (true) {
              session.send(streamId, RecordHeader.DATA, chunk, 0, chunk.length);
              sentRecords.incrementAndGet();
            }
          } catch (IOException e) {
            failed.incrementAndGet();
          }
        }));
      }
      while (sentRecords.get() < 500 && failed.get() == 0) {
        Thread.onSpinWait();
      }
      session.close();
      for (Thread t : threads) {
        t.join();
      }
      reader.join();

      assertThat(failed).as("every writer ends with an exception, none hangs").hasValue(16);
      assertThat(session.isClosed()).isTrue();
      // The receiver got a prefix: every record it read opened in sequence; the cut may only end the stream.
      assertThat(seen[0].nonces().size()).isGreaterThanOrEqualTo(500);
      assertStrictlyIncreasing(seen[0].nonces());
      assertThatThrownBy(() -> session.send(1, RecordHeader.DATA, chunk, 0, 1)).isInstanceOf(ChannelException.class);
    }
  }

  @Test
  void oversizedRecord_refusedWithoutSpendingANonceOrClosing() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
        Socket server = listener.accept()) {
      Session session = session(client, ChannelSuite.AES_256_GCM, RekeyPolicy.defaults());
      byte[] big = new byte[Session.RUN_PLAINTEXT_BYTES + 1];
      assertThatThrownBy(() -> session.send(1, RecordHeader.DATA, big, 0, big.length))
          .isInstanceOf(IllegalArgumentException.class);
      // A control record is one record: over one record's plaintext is a caller's bug too.
      assertThatThrownBy(() -> session.send(1, RecordHeader.WINDOW, big, 0, RecordHeader.MAX_PLAINTEXT_BYTES + 1))
          .isInstanceOf(IllegalArgumentException.class);
      session.send(1, RecordHeader.DATA, big, 0, 5);
      ReceiveDirection receive = new ReceiveDirection(ChannelSuite.AES_256_GCM,
          KeySchedule.initial(IKM, TH, ChannelSuite.AES_256_GCM, true));
      // Counter 0 is still the next nonce: the refused record spent none.
      assertThat(RecordIo.read(new BufferedInputStream(server.getInputStream()), receive).payload()).hasSize(5);
      assertThat(session.isClosed()).isFalse();
      session.close();
    }
  }

  /**
   * A DATA write of several records' plaintext leaves as a run sealed back to back into one buffer:
   * on the wire exactly the records a record-by-record write would have made (full records, then
   * the rest), with consecutive nonces, also when the sender ratchets inside the run.
   */
  @ParameterizedTest
  @EnumSource(ChannelSuite.class)
  void dataRun_isConsecutiveFullRecords_alsoAcrossARatchet(ChannelSuite suite) throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
        Socket server = listener.accept()) {
      Session session = session(client, suite, RekeyPolicy.defaults().withAfterRecords(3));
      byte[] payload = new byte[3 * RecordHeader.MAX_PLAINTEXT_BYTES + 1000];
      ThreadLocalRandom.current().nextBytes(payload);
      session.send(7, RecordHeader.DATA, payload, 0, payload.length);
      session.send(7, RecordHeader.DATA, payload, 0, payload.length);
      ReceiveDirection receive = new ReceiveDirection(suite, KeySchedule.initial(IKM, TH, suite, true));
      InputStream in = new BufferedInputStream(server.getInputStream());
      List<long[]> nonces = new ArrayList<>();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      List<Integer> lengths = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        RecordIo.Received r = RecordIo.read(in, receive);
        assertThat(r.header().streamId()).isEqualTo(7);
        nonces.add(new long[] {r.header().epoch(), receive.nextCounter() - 1});
        lengths.add(r.payload().length);
        received.writeBytes(r.payload());
      }
      int full = RecordHeader.MAX_PLAINTEXT_BYTES;
      assertThat(lengths).containsExactly(full, full, full, 1000, full, full, full, 1000);
      assertStrictlyIncreasing(nonces);
      assertThat(nonces.getLast()[0]).as("the sender ratcheted inside the runs").isEqualTo(2);
      byte[] both = received.toByteArray();
      assertThat(java.util.Arrays.copyOfRange(both, 0, payload.length)).isEqualTo(payload);
      assertThat(java.util.Arrays.copyOfRange(both, payload.length, both.length)).isEqualTo(payload);
      session.close();
    }
  }

  private static Session session(Socket socket, ChannelSuite suite, RekeyPolicy policy) throws IOException {
    SendDirection send = new SendDirection(suite, KeySchedule.initial(IKM, TH, suite, true), policy, System::nanoTime);
    ReceiveDirection unused = new ReceiveDirection(suite, KeySchedule.initial(IKM, TH, suite, false));
    Handshake.Result keys = new Handshake.Result(send, unused, suite, TH.clone(), null);
    OutputStream out = socket.getOutputStream();
    return new Session(socket, new TimedInput(socket), out, keys,
        new Session.Options(false, 64, 0, 0, null, stream -> {}, () -> {}));
  }

  /** Opens records until end of stream or the first failure; nonces are read back from the direction. */
  private static Seen readAll(Socket socket, ReceiveDirection receive) {
    Map<Integer, ByteArrayOutputStream> streams = new HashMap<>();
    List<long[]> nonces = new ArrayList<>();
    try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
      while (true) {
        in.mark(1);
        if (in.read() < 0) {
          break;
        }
        in.reset();
        RecordIo.Received r = RecordIo.read(in, receive);
        // After a successful open the direction's counter is one past the record's.
        nonces.add(new long[] {r.header().epoch(), receive.nextCounter() - 1});
        streams.computeIfAbsent(r.header().streamId(), k -> new ByteArrayOutputStream()).writeBytes(r.payload());
      }
    } catch (IOException e) {
      // A refused record: drop the connection so the writers fail instead of blocking on a full socket.
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      return new Seen(toBytes(streams), nonces, e);
    }
    return new Seen(toBytes(streams), nonces, null);
  }

  private static Map<Integer, byte[]> toBytes(Map<Integer, ByteArrayOutputStream> streams) {
    Map<Integer, byte[]> bytes = new HashMap<>();
    streams.forEach((k, v) -> bytes.put(k, v.toByteArray()));
    return bytes;
  }

  private static void assertStrictlyIncreasing(List<long[]> nonces) {
    for (int i = 1; i < nonces.size(); i++) {
      long[] a = nonces.get(i - 1);
      long[] b = nonces.get(i);
      boolean next = (b[0] == a[0] && b[1] == a[1] + 1) || (b[0] == a[0] + 1 && b[1] == 0);
      assertThat(next).as("record %d: (%d,%d) after (%d,%d)", i, b[0], b[1], a[0], a[1]).isTrue();
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
