package dev.bulwark.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the handshake (docs/channel-protocol.md §1): a man in the middle who edits either
 * hello, strips the offer down (downgrade), or presents another key.
 */
class HandshakeAttackTest {
  private static final int CH_RANDOM_OFFSET = 4 + 4 + 1 + 2 + 1 + 4; // header, magic, 1 version, 2 suites

  private static ChannelClient viaProxy(ChannelServer server, UnaryOperator<byte[]> ch, UnaryOperator<byte[]> sh,
      ChannelClientConfig config) throws IOException {
    try (TamperingProxy proxy = new TamperingProxy(server.address().getPort(), ch, sh, (i, r) -> List.of(r))) {
      return ChannelClient.connect("127.0.0.1", proxy.port(), config);
    }
  }

  private static ChannelClientConfig pinned() {
    return ChannelClientConfig.pinned(Fixtures.IDENTITY.pin());
  }

  @Test
  void untamperedProxy_handshakeSucceeds() throws IOException {
    try (ChannelServer server = Fixtures.echoServer();
        ChannelClient client = viaProxy(server, f -> f, f -> f, pinned())) {
      assertThat(Fixtures.roundTrip(client, new byte[] {1, 2, 3})).containsExactly(1, 2, 3);
    }
  }

  @Test
  void tamperedClientHello_serverSignsAnotherTranscript_clientRefuses() throws IOException {
    try (ChannelServer server = Fixtures.echoServer()) {
      assertThatThrownBy(() -> viaProxy(server, f -> TamperingProxy.flip(f, CH_RANDOM_OFFSET), f -> f, pinned()))
          .isInstanceOf(UntrustedServerException.class).hasMessageContaining("signature");
    }
  }

  @Test
  void tamperedServerHello_randomChanged_clientRefuses() throws IOException {
    try (ChannelServer server = Fixtures.echoServer()) {
      assertThatThrownBy(() -> viaProxy(server, f -> f, f -> TamperingProxy.flip(f, 4 + 4 + 3), pinned()))
          .isInstanceOf(UntrustedServerException.class).hasMessageContaining("signature");
    }
  }

  @Test
  void tamperedServerHello_mlKemCiphertextChanged_clientRefuses() throws IOException {
    try (ChannelServer server = Fixtures.echoServer()) {
      assertThatThrownBy(() -> viaProxy(server, f -> f, f -> TamperingProxy.flip(f, 4 + 4 + 32 + 32 + 100), pinned()))
          .isInstanceOf(ChannelException.class);
    }
  }

  @Test
  void tamperedServerHello_signatureChanged_clientRefuses() throws IOException {
    try (ChannelServer server = Fixtures.echoServer()) {
      assertThatThrownBy(() -> viaProxy(server, f -> f, f -> TamperingProxy.flip(f, f.length - 1), pinned()))
          .isInstanceOf(UntrustedServerException.class).hasMessageContaining("signature");
    }
  }

  @Test
  void wrongPin_clientRefusesAndNamesThePresentedPin() throws IOException {
    ChannelIdentity other = ChannelIdentity.generate(false);
    try (ChannelServer server = Fixtures.echoServer()) {
      assertThatThrownBy(() -> Fixtures.connect(server, ChannelClientConfig.pinned(other.pin())))
          .isInstanceOf(UntrustedServerException.class)
          .hasMessageContaining("does not match the pin")
          .hasMessageContaining(Fixtures.IDENTITY.pin().toString());
    }
  }

  @Test
  void pinWithMlDsa_serverWithoutIt_refused() throws IOException {
    try (ChannelServer server = Fixtures.echoServer()) {
      assertThatThrownBy(() -> Fixtures.connect(server, ChannelClientConfig.pinned(Fixtures.PQ_IDENTITY.pin())))
          .isInstanceOf(UntrustedServerException.class).hasMessageContaining("does not match the pin");
    }
  }

  @Test
  void downgrade_offerStrippedToSecondSuite_clientRefuses() throws IOException {
    // The client offers AES-256-GCM then ChaCha20-Poly1305; the attacker rewrites the list so the
    // server picks ChaCha20 (both are offered, so only the signed transcript can catch it).
    UnaryOperator<byte[]> swap = f -> {
      byte[] copy = f.clone();
      int suites = 4 + 4 + 1 + 2 + 1;
      copy[suites + 1] = 0x02;
      copy[suites + 3] = 0x01;
      return copy;
    };
    try (ChannelServer server = Fixtures.echoServer()) {
      assertThatThrownBy(() -> viaProxy(server, swap, f -> f, pinned()))
          .isInstanceOf(UntrustedServerException.class).hasMessageContaining("signature");
    }
  }

  @Test
  void downgrade_serverAnswerOutsideOffer_clientRefuses() throws IOException {
    UnaryOperator<byte[]> chachaAnswer = f -> {
      byte[] copy = f.clone();
      copy[4 + 3] = 0x02;
      return copy;
    };
    try (ChannelServer server = Fixtures.echoServer()) {
      ChannelClientConfig aesOnly = pinned().withSuites(List.of(ChannelSuite.AES_256_GCM));
      assertThatThrownBy(() -> viaProxy(server, f -> f, chachaAnswer, aesOnly))
          .isInstanceOf(UntrustedServerException.class).hasMessageContaining("outside the offer");
    }
  }

  @Test
  void noCommonSuite_serverClosesWithoutAnswer() throws IOException {
    try (ChannelServer server = Fixtures.echoServer(
        ChannelServerConfig.defaults(Fixtures.IDENTITY).withSuites(List.of(ChannelSuite.CHACHA20_POLY1305)))) {
      ChannelClientConfig aesOnly = pinned().withSuites(List.of(ChannelSuite.AES_256_GCM));
      assertThatThrownBy(() -> Fixtures.connect(server, aesOnly)).isInstanceOf(ChannelException.class);
    }
  }
}
