package dev.bulwark.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustOnFirstUseTest {
  @TempDir Path dir;

  @Test
  void firstUse_recordsPin_thenAcceptsSameKeyAndRefusesAnother() throws IOException {
    Path knownHosts = dir.resolve("known_hosts");
    ChannelClientConfig tofu = ChannelClientConfig.of(ServerTrust.insecureTrustOnFirstUse(knownHosts, "db:7443"));
    try (ChannelServer server = Fixtures.echoServer()) {
      try (ChannelClient client = Fixtures.connect(server, tofu)) {
        assertThat(Fixtures.roundTrip(client, new byte[] {1})).containsExactly(1);
      }
      assertThat(Files.readString(knownHosts)).isEqualTo("db:7443 " + Fixtures.IDENTITY.pin() + "\n");
      try (ChannelClient again = Fixtures.connect(server, tofu)) {
        assertThat(again.serverPin()).isEqualTo(Fixtures.IDENTITY.pin());
      }
    }
    try (ChannelServer impostor = Fixtures.echoServer(ChannelServerConfig.defaults(Fixtures.PQ_IDENTITY))) {
      assertThatThrownBy(() -> Fixtures.connect(impostor, tofu))
          .isInstanceOf(UntrustedServerException.class).hasMessageContaining("changed since first use");
    }
    assertThat(Files.readAllLines(knownHosts)).hasSize(1);
  }

  @Test
  void pinParsing_rejectsMalformedText() {
    assertThat(ChannelPin.parse(Fixtures.IDENTITY.pin().toString())).isEqualTo(Fixtures.IDENTITY.pin());
    assertThatThrownBy(() -> ChannelPin.parse("bwch1_short")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChannelPin.parse("sha256/" + "A".repeat(43))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChannelPin.parse("bwch1_" + "*".repeat(43))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void identityFile_roundTripsAndRejectsGarbage() throws IOException {
    ChannelIdentity copy = ChannelIdentity.parse(Fixtures.PQ_IDENTITY.insecureExport());
    assertThat(copy.pin()).isEqualTo(Fixtures.PQ_IDENTITY.pin());
    assertThat(copy.hasMlDsa()).isTrue();
    assertThatThrownBy(() -> ChannelIdentity.parse("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
        .isInstanceOf(ChannelException.class);
    byte[] text = Fixtures.IDENTITY.insecureExport();
    text[text.length - 3] = '!';
    assertThatThrownBy(() -> ChannelIdentity.parse(text)).isInstanceOf(ChannelException.class);
    copy.destroy();
    assertThatThrownBy(copy::insecureExport).isInstanceOf(IllegalStateException.class);
  }
}
