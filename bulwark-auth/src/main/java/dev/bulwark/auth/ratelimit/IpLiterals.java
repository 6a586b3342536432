package dev.bulwark.auth.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Strict IP literal parsing that never resolves a host name (a header must not trigger DNS). */
final class IpLiterals {
  private static final int MAX_LITERAL_CHARS = 64;
  private static final Pattern DOTTED_QUAD = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  private IpLiterals() {}

  /** The address, or null if {@code text} is not an IPv4 or IPv6 literal. */
  static InetAddress parse(String text) {
    if (text.isEmpty() || text.length() > MAX_LITERAL_CHARS) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
          || c == '.' || c == ':';
      if (!allowed) {
        return null; // rejects zone ids (%eth0) and anything name-like before the JDK sees it
      }
    }
    if (text.indexOf(':') < 0 && !DOTTED_QUAD.matcher(text).matches()) {
      return null; // the JDK also reads "127.1" and "2130706433"; one spelling per address is enough
    }
    try {
      return InetAddress.ofLiteral(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static String parseBytes(byte[] address) {
    try {
      return InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of 4 or 16 bytes was rejected", e);
    }
  }
}
