package dev.bulwark.auth.ratelimit;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the client address to rate-limit by. By default it is the socket peer and
 * {@code X-Forwarded-For} is ignored, because any client can send that header and would otherwise
 * pick a fresh address (a fresh budget) for every request.
 *
 * <p>Behind reverse proxies, configure their ranges: when the socket peer is a trusted proxy the
 * resolver walks {@code X-Forwarded-For} from right to left (the rightmost entry was written by the
 * nearest proxy), skips entries inside the trusted ranges and returns the first one that is not
 * trusted: the last hop no trusted proxy vouches for. Entries left of it are the client's own claims
 * and are never read.
 *
 * {@snippet :
 * ClientAddressResolver resolver = ClientAddressResolver.trustingProxies(List.of("10.0.0.0/8"));
 * InetAddress client = resolver.resolve(socketPeer, request.headers("X-Forwarded-For"));
 * }
 *
 * <p>What it rejects: an entry that is not an IP literal (a host name, {@code unknown}, an
 * obfuscated token) stops the walk, and the last trusted hop is returned, so garbage can never
 * become a fresh key. Entries may carry a port ({@code 1.2.3.4:5678}, {@code [::1]:5678}). At most
 * {@value #MAX_HOPS} entries and {@value #MAX_HEADER_CHARS} characters are read. Host names are
 * never resolved.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClientAddressResolver {
  /** Most {@code X-Forwarded-For} entries examined. */
  public static final int MAX_HOPS = 32;

  /** Most header characters examined (all values together). */
  public static final int MAX_HEADER_CHARS = 8192;

  private final List<Cidr> trustedProxies;

  private ClientAddressResolver(List<Cidr> trustedProxies) {
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  /** The safe default: the socket peer is the client; forwarding headers are ignored. */
  public static ClientAddressResolver socketPeerOnly() {
    return new ClientAddressResolver(List.of());
  }

  /**
   * Trusts {@code X-Forwarded-For} entries written by proxies in these ranges.
   *
   * @param cidrs ranges such as {@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code fd00::/8}
   * @throws IllegalArgumentException if a range is malformed, the list is empty, or a range is
   *     {@code /0} (trusting every address is the default's bug spelled differently)
   */
  public static ClientAddressResolver trustingProxies(List<String> cidrs) {
    Objects.requireNonNull(cidrs, "cidrs");
    if (cidrs.isEmpty()) {
      throw new IllegalArgumentException("name at least one proxy range, or use socketPeerOnly()");
    }
    List<Cidr> parsed = new ArrayList<>();
    for (String text : cidrs) {
      Cidr cidr = Cidr.parse(Objects.requireNonNull(text, "cidr"));
      if (cidr.prefixBits() == 0) {
        throw new IllegalArgumentException("refusing to trust every address as a proxy: " + text);
      }
      parsed.add(cidr);
    }
    return new ClientAddressResolver(parsed);
  }

  /**
   * The client address.
   *
   * @param socketPeer the address of the TCP peer
   * @param forwardedFor every {@code X-Forwarded-For} header value in the order received (empty when
   *     there is none)
   */
  public InetAddress resolve(InetAddress socketPeer, List<String> forwardedFor) {
    Objects.requireNonNull(socketPeer, "socketPeer");
    Objects.requireNonNull(forwardedFor, "forwardedFor");
    InetAddress current = socketPeer;
    if (!isTrusted(current)) {
      return current;
    }
    List<String> hops = hopsRightToLeft(forwardedFor);
    for (String hop : hops) {
      InetAddress address = parseHop(hop);
      if (address == null) {
        return current;
      }
      current = address;
      if (!isTrusted(current)) {
        return current;
      }
    }
    return current;
  }

  private boolean isTrusted(InetAddress address) {
    for (Cidr cidr : trustedProxies) {
      if (cidr.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> hopsRightToLeft(List<String> headerValues) {
    List<String> hops = new ArrayList<>();
    int chars = 0;
    for (int h = headerValues.size() - 1; h >= 0 && hops.size() < MAX_HOPS; h--) {
      String value = Objects.requireNonNull(headerValues.get(h), "header value");
      chars += value.length();
      if (chars > MAX_HEADER_CHARS) {
        break;
      }
      String[] parts = value.split(",", -1);
      for (int p = parts.length - 1; p >= 0 && hops.size() < MAX_HOPS; p--) {
        hops.add(parts[p].strip());
      }
    }
    return hops;
  }

  private static InetAddress parseHop(String hop) {
    if (hop.startsWith("[")) {
      int close = hop.indexOf(']');
      if (close < 0) {
        return null;
      }
      String rest = hop.substring(close + 1);
      if (!rest.isEmpty() && !(rest.startsWith(":") && isPort(rest.substring(1)))) {
        return null;
      }
      return IpLiterals.parse(hop.substring(1, close));
    }
    int colon = hop.indexOf(':');
    if (colon > 0 && colon == hop.lastIndexOf(':')) {
      return isPort(hop.substring(colon + 1)) ? IpLiterals.parse(hop.substring(0, colon)) : null;
    }
    return IpLiterals.parse(hop);
  }

  private static boolean isPort(String text) {
    return text.matches("[0-9]{1,5}");
  }

  @Override
  public String toString() {
    return trustedProxies.isEmpty() ? "ClientAddressResolver[socket peer only]"
        : "ClientAddressResolver[trusted proxies " + trustedProxies + "]";
  }
}
