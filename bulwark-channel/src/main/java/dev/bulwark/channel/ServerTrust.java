package dev.bulwark.channel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/**
 * How a client decides that the server is the right one: a {@linkplain #pinned pinned key}
 * (the default and the safe choice), or {@linkplain #insecureTrustOnFirstUse trust on first use}
 * with a known-hosts file, which accepts whatever key answers the first time. Immutable.
 *
 * {@snippet :
 * ServerTrust trust = ServerTrust.pinned(ChannelPin.parse(pinText));
 * }
 */
public sealed interface ServerTrust {
  /** Accept only the server whose identity has this pin. */
  static ServerTrust pinned(ChannelPin pin) {
    return new Pinned(Objects.requireNonNull(pin, "pin"));
  }

  /**
   * Trust on first use. Warning: the first connection to a host is not authenticated; a man in
   * the middle then is trusted forever. Later connections must present the recorded key, or they
   * are refused (the file is never rewritten for a changed key).
   *
   * @param knownHosts a file of {@code host:port pin} lines, created if missing
   * @param hostKey the {@code host:port} under which the pin is recorded
   */
  static ServerTrust insecureTrustOnFirstUse(Path knownHosts, String hostKey) {
    Objects.requireNonNull(knownHosts, "knownHosts");
    if (hostKey == null || hostKey.isBlank() || hostKey.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("hostKey must be host:port without spaces");
    }
    return new TrustOnFirstUse(knownHosts, hostKey);
  }

  /** Checks the pin of the identity the server presented. */
  void check(ChannelPin presented) throws ChannelException;

  /** A pinned key. */
  record Pinned(ChannelPin pin) implements ServerTrust {
    @Override
    public void check(ChannelPin presented) throws ChannelException {
      if (!pin.equals(presented)) {
        throw new UntrustedServerException("server identity does not match the pin; it presented " + presented);
      }
    }
  }

  /** Trust on first use with a known-hosts file. */
  record TrustOnFirstUse(Path knownHosts, String hostKey) implements ServerTrust {
    @Override
    public void check(ChannelPin presented) throws ChannelException {
      synchronized (TrustOnFirstUse.class) {
        try {
          List<String> lines = Files.exists(knownHosts) ? Files.readAllLines(knownHosts, StandardCharsets.US_ASCII) : List.of();
          for (String line : lines) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2 && parts[0].equals(hostKey)) {
              ChannelPin known;
              try {
                known = ChannelPin.parse(parts[1]);
              } catch (IllegalArgumentException e) {
                throw new ChannelException("known-hosts file has a malformed pin for " + hostKey);
              }
              if (!known.equals(presented)) {
                throw new UntrustedServerException("server identity for " + hostKey
                    + " changed since first use (possible man in the middle); it presented " + presented);
              }
              return;
            }
          }
          Files.writeString(knownHosts, hostKey + " " + presented + "\n", StandardCharsets.US_ASCII,
              StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
          if (e instanceof ChannelException ce) {
            throw ce;
          }
          throw new ChannelException("cannot use the known-hosts file", e);
        }
      }
    }
  }
}
