package dev.bulwark.server.config;

/**
 * A parsed {@code HOST:PORT} ({@code [::1]:8443} for IPv6). Host names are never resolved here: only
 * the literal loopback addresses and {@code localhost} count as loopback, so a DNS answer cannot turn
 * a public bind into a "local" one.
 *
 * @param host the host, without brackets
 * @param port 0 to 65535
 */
public record ListenAddress(String host, int port) {

  /**
   * Parses {@code text}.
   *
   * @throws ConfigException naming {@code listen} if it is not {@code HOST:PORT}
   */
  public static ListenAddress parse(String text) {
    String problem = "must be HOST:PORT such as 127.0.0.1:8443 or [::1]:8443";
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new ConfigException("listen", problem);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new ConfigException("listen", problem);
    }
    if (host.isEmpty() || !host.matches("[A-Za-z0-9.:-]{1,253}")) {
      throw new ConfigException("listen", problem);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new ConfigException("listen", problem);
    }
    if (port < 0 || port > 65_535) {
      throw new ConfigException("listen", "the port must be 0 to 65535");
    }
    return new ListenAddress(host, port);
  }

  /** True for {@code localhost}, {@code 127.0.0.0/8} literals and {@code ::1}. */
  public static boolean isLoopback(String host) {
    String h = host;
    return h.matches("(?i)localhost") || h.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}")
        || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
  }
}
