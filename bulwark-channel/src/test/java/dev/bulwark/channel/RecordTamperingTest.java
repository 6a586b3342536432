package dev.bulwark.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attacks on live records (docs/channel-protocol.md §2): a man in the middle replays, reorders,
 * truncates, alters or re-labels the server's records. Every case must close the session with no
 * byte of the attacked record delivered.
 */
@Timeout(60)
class RecordTamperingTest {
  private static final byte[] FIRST = "first-record".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Sends two separate echo writes; the proxy rewrites the server's records from {@code index} on. */
  private static byte[] attack(TamperingProxy.RecordRewriter rewriter) throws Exception {
    try (ChannelServer server = Fixtures.echoServer();
        TamperingProxy proxy = new TamperingProxy(server.address().getPort(), f -> f, f -> f, rewriter);
        ChannelClient client = ChannelClient.connect("127.0.0.1", proxy.port(), ChannelClientConfig.pinned(Fixtures.IDENTITY.pin()))) {
      ChannelStream stream = client.openStream();
      InputStream in = stream.inputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      stream.outputStream().write(FIRST);
      got.write(in.readNBytes(FIRST.length));
      try {
        stream.outputStream().write("second".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        // A pause, so that the echo of "third" is a record of its own (index 2).
        Thread.sleep(150);
        stream.outputStream().write("third".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      } catch (ChannelException alreadyClosed) {
        // the attack closed the session before this write; the read below must fail as well
      }
      try {
        byte[] buffer = new byte[64];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          got.write(buffer, 0, n);
        }
      } catch (ChannelException expected) {
        assertThat(Fixtures.eventually(Duration.ofSeconds(5), client::isClosed)).isTrue();
        return got.toByteArray();
      }
      throw new AssertionError("the attacked session delivered end of stream instead of failing");
    }
  }

  @Test
  void replayedRecord_closesSession() throws Exception {
    assertThat(attack((i, r) -> i == 0 ? List.of(r, r) : List.of(r))).isEqualTo(FIRST);
  }

  @Test
  void reorderedRecords_closeSession() throws Exception {
    byte[][] held = new byte[1][];
    byte[] got = attack((i, r) -> {
      if (i == 1) {
        held[0] = r;
        return List.of();
      }
      if (i == 2) {
        return List.of(r, held[0]);
      }
      return List.of(r);
    });
    assertThat(got).isEqualTo(FIRST);
  }

  @Test
  void truncatedRecord_closesSession() throws Exception {
    // The length field still says the full size, but one tag byte is cut and the stream ends.
    assertThat(attack((i, r) -> i == 1 ? List.of(java.util.Arrays.copyOf(r, r.length - 1), TamperingProxy.END) : List.of(r)))
        .isEqualTo(FIRST);
  }

  @Test
  void truncatedRecord_lengthRewritten_closesSession() throws Exception {
    assertThat(attack((i, r) -> {
      if (i != 1) {
        return List.of(r);
      }
      byte[] cut = java.util.Arrays.copyOf(r, r.length - 1);
      cut[1] = (byte) (cut[1] - 1);
      return List.of(cut, TamperingProxy.END);
    })).isEqualTo(FIRST);
  }

  @Test
  void droppedRecord_closesSession() throws Exception {
    assertThat(attack((i, r) -> i == 1 ? List.of() : List.of(r))).isEqualTo(FIRST);
  }

  @Test
  void alteredCiphertext_closesSession() throws Exception {
    assertThat(attack((i, r) -> i == 1 ? List.of(TamperingProxy.flip(r, 12)) : List.of(r))).isEqualTo(FIRST);
  }

  @Test
  void recordMovedToAnotherStream_closesSession() throws Exception {
    // Same key, same counter: only the authenticated stream id in the header differs.
    assertThat(attack((i, r) -> i == 1 ? List.of(TamperingProxy.flip(r, 9)) : List.of(r))).isEqualTo(FIRST);
  }

  @Test
  void recordRetyped_closesSession() throws Exception {
    // DATA (0x02) relabelled FIN (0x04) would end the stream early if the type were not authenticated.
    assertThat(attack((i, r) -> {
      if (i != 1) {
        return List.of(r);
      }
      byte[] copy = r.clone();
      copy[10] = 0x04;
      return List.of(copy);
    })).isEqualTo(FIRST);
  }

  @Test
  void unknownType_closesSession() throws Exception {
    assertThat(attack((i, r) -> {
      if (i != 1) {
        return List.of(r);
      }
      byte[] copy = r.clone();
      copy[10] = 0x7F;
      return List.of(copy);
    })).isEqualTo(FIRST);
  }

  @Test
  void oversizedLength_closesSessionBeforeReadingBody() throws Exception {
    assertThat(attack((i, r) -> {
      if (i != 1) {
        return List.of(r);
      }
      byte[] copy = r.clone();
      copy[0] = (byte) 0xFF;
      copy[1] = (byte) 0xFF;
      return List.of(copy);
    })).isEqualTo(FIRST);
  }

  @Test
  void recordFromEarlierEpochContext_closesSession() throws Exception {
    assertThat(attack((i, r) -> i == 1 ? List.of(TamperingProxy.flip(r, 5)) : List.of(r))).isEqualTo(FIRST);
  }

  @Test
  void closedSession_laterWritesFail() throws Exception {
    try (ChannelServer server = Fixtures.echoServer();
        TamperingProxy proxy = new TamperingProxy(server.address().getPort(), f -> f, f -> f,
            (i, r) -> List.of(TamperingProxy.flip(r, 12)));
        ChannelClient client = ChannelClient.connect("127.0.0.1", proxy.port(), ChannelClientConfig.pinned(Fixtures.IDENTITY.pin()))) {
      ChannelStream stream = client.openStream();
      stream.outputStream().write(1);
      assertThatThrownBy(() -> stream.inputStream().read()).isInstanceOf(ChannelException.class);
      assertThatThrownBy(client::openStream).isInstanceOf(ChannelException.class);
      assertThatThrownBy(() -> stream.outputStream().write(2)).isInstanceOf(IOException.class);
    }
  }
}
