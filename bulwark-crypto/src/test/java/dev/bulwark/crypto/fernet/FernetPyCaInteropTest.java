package dev.bulwark.crypto.fernet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.Python;
import dev.bulwark.testkit.Requirements;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fernet tokens cross-checked both ways with PyCA {@code cryptography.fernet} in the system python3. */
class FernetPyCaInteropTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final int[] SIZES = {0, 1, 15, 16, 17, 100, 1024, 5000};
  private static final Instant T0 = Instant.parse("2025-06-07T08:09:10Z");
  private static Python python;

  @BeforeAll
  static void findPython() {
    python = Requirements.python("cryptography");
  }

  private static List<byte[]> messages() {
    SecureRandom random = new SecureRandom();
    List<byte[]> messages = new ArrayList<>();
    for (int size : SIZES) {
      byte[] m = new byte[size];
      random.nextBytes(m);
      messages.add(m);
    }
    return messages;
  }

  @Test
  void tokensMadeHere_decryptInPyCa_withTheSameTimestampAndTtlRules() {
    FernetKey key = FernetKey.generate();
    Fernet fernet = Fernet.create(key, Clock.fixed(T0, ZoneOffset.UTC), new SecureRandom());
    List<byte[]> messages = messages();
    StringBuilder input = new StringBuilder();
    for (byte[] m : messages) {
      input.append(key.insecureExportBase64()).append(' ').append(fernet.encrypt(m)).append('\n');
    }
    String script =
        """
        import sys
        from cryptography.fernet import Fernet, InvalidToken
        for line in sys.stdin:
            key, token = line.split()
            f = Fernet(key.encode())
            ts = f.extract_timestamp(token.encode())
            ok_at_ttl = f.decrypt_at_time(token.encode(), 60, ts + 60)
            try:
                f.decrypt_at_time(token.encode(), 60, ts + 61)
                late = "accepted"
            except InvalidToken:
                late = "rejected"
            print(f.decrypt(token.encode()).hex() or "-", ts, ok_at_ttl == f.decrypt(token.encode()), late)
        """;
    List<String> lines = python.runText(script, input.toString()).lines().toList();
    assertThat(lines).hasSize(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      String expectedHex = messages.get(i).length == 0 ? "-" : HEX.formatHex(messages.get(i));
      assertThat(lines.get(i)).isEqualTo(expectedHex + " " + T0.getEpochSecond() + " True rejected");
    }
  }

  @Test
  void tokensMadeInPyCa_decryptHere_andExtractTimestampAgrees() throws Exception {
    List<byte[]> messages = messages();
    StringBuilder input = new StringBuilder();
    for (byte[] m : messages) {
      input.append(m.length == 0 ? "-" : HEX.formatHex(m)).append('\n');
    }
    String script =
        """
        import sys
        from cryptography.fernet import Fernet
        for line in sys.stdin:
            line = line.strip()
            key = Fernet.generate_key()
            message = b"" if line == "-" else bytes.fromhex(line)
            print(key.decode(), Fernet(key).encrypt_at_time(message, %d).decode())
        """
            .formatted(T0.getEpochSecond());
    List<String> lines = python.runText(script, input.toString()).lines().toList();
    assertThat(lines).hasSize(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      String[] parts = lines.get(i).split(" ");
      FernetKey key = FernetKey.parse(parts[0]);
      Fernet fernet = Fernet.create(key, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC), new SecureRandom());
      assertThat(fernet.decrypt(parts[1], Duration.ofSeconds(60))).isEqualTo(messages.get(i));
      assertThat(fernet.extractTimestamp(parts[1])).isEqualTo(T0);
      Fernet tooLate = Fernet.create(key, Clock.fixed(T0.plusSeconds(61), ZoneOffset.UTC), new SecureRandom());
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> tooLate.decrypt(parts[1], Duration.ofSeconds(60)))
          .isInstanceOf(dev.bulwark.crypto.CryptoException.class);
    }
  }

  @Test
  void pyCaRotatesTokensMadeHere_andTheResultOpensHereUnderTheNewKey() throws Exception {
    FernetKey oldKey = FernetKey.generate();
    FernetKey newKey = FernetKey.generate();
    Fernet old = Fernet.create(oldKey, Clock.fixed(T0, ZoneOffset.UTC), new SecureRandom());
    List<byte[]> messages = messages();
    StringBuilder input = new StringBuilder();
    for (byte[] m : messages) {
      input.append(newKey.insecureExportBase64()).append(' ').append(oldKey.insecureExportBase64()).append(' ')
          .append(old.encrypt(m)).append('\n');
    }
    String script =
        """
        import sys
        from cryptography.fernet import Fernet, MultiFernet
        for line in sys.stdin:
            new, old, token = line.split()
            print(MultiFernet([Fernet(new.encode()), Fernet(old.encode())]).rotate(token.encode()).decode())
        """;
    List<String> rotated = python.runText(script, input.toString()).lines().toList();
    assertThat(rotated).hasSize(messages.size());
    Fernet fresh = Fernet.create(newKey);
    for (int i = 0; i < messages.size(); i++) {
      assertThat(fresh.decrypt(rotated.get(i))).isEqualTo(messages.get(i));
      assertThat(fresh.extractTimestamp(rotated.get(i))).isEqualTo(T0);
    }
  }

  @Test
  void tokensMadeInPyCa_rotateHere_andTheResultOpensInPyCaUnderTheNewKey() throws Exception {
    String makeScript =
        """
        from cryptography.fernet import Fernet
        old = Fernet.generate_key()
        print(old.decode(), Fernet(old).encrypt_at_time(b"rotate me \\x00\\xff", %d).decode())
        """
            .formatted(T0.getEpochSecond());
    String[] made = python.runText(makeScript, "").split(" ");
    FernetKey oldKey = FernetKey.parse(made[0]);
    FernetKey newKey = FernetKey.generate();
    MultiFernet multi = MultiFernet.of(List.of(Fernet.create(newKey), Fernet.create(oldKey)));
    String rotated = multi.rotate(made[1]);
    String checkScript =
        """
        import sys
        from cryptography.fernet import Fernet, InvalidToken
        new, old, token = sys.stdin.read().split()
        try:
            Fernet(old.encode()).decrypt(token.encode())
            print("old key opens it")
        except InvalidToken:
            f = Fernet(new.encode())
            print(f.decrypt(token.encode()).hex(), f.extract_timestamp(token.encode()))
        """;
    String out = python.runText(checkScript, newKey.insecureExportBase64() + " " + made[0] + " " + rotated);
    assertThat(out).isEqualTo(HEX.formatHex("rotate me \u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)) + "ff " + T0.getEpochSecond());
  }
}
