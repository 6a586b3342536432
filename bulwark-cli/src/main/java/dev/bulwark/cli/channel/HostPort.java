package dev.bulwark.cli.channel;

import java.net.InetSocketAddress;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Parses {@code HOST:PORT} (IPv6 as {@code [::1]:PORT}) without resolving anything yet. */
final class HostPort {
  private HostPort() {}

  static InetSocketAddress parse(String text, CommandLine commandLine) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new ParameterException(commandLine, "expected HOST:PORT, got '" + text + "'");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new ParameterException(commandLine, "port must be a number: '" + text + "'");
    }
    if (port < 0 || port > 65535) {
      throw new ParameterException(commandLine, "port must be 0..65535");
    }
    return new InetSocketAddress(host, port);
  }
}
