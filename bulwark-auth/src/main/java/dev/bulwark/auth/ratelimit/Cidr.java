package dev.bulwark.auth.ratelimit;

import java.net.InetAddress;
import java.util.Arrays;

/** An address range in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}). Immutable. */
record Cidr(byte[] network, int prefixBits) {
  Cidr {
    network = network.clone();
  }

  /**
   * Parses {@code address/bits} or a bare address (one host).
   *
   * @throws IllegalArgumentException if it is not an IP literal with a prefix in range, or has
   *     host bits set (a typo such as {@code 10.0.0.1/8} is more likely a mistake than intent)
   */
  static Cidr parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    InetAddress address = IpLiterals.parse(slash < 0 ? trimmed : trimmed.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException("not an IP address range: " + text);
    }
    byte[] bytes = address.getAddress();
    int maxBits = bytes.length * 8;
    int bits;
    if (slash < 0) {
      bits = maxBits;
    } else {
      String suffix = trimmed.substring(slash + 1);
      if (!suffix.matches("[0-9]{1,3}")) {
        throw new IllegalArgumentException("not an IP address range: " + text);
      }
      bits = Integer.parseInt(suffix);
    }
    if (bits > maxBits) {
      throw new IllegalArgumentException("prefix longer than the address in " + text);
    }
    Cidr cidr = new Cidr(bytes, bits);
    if (!Arrays.equals(cidr.mask(bytes), bytes)) {
      throw new IllegalArgumentException("host bits set in " + text + " (write the network address)");
    }
    return cidr;
  }

  boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    return candidate.length == network.length && Arrays.equals(mask(candidate), network);
  }

  private byte[] mask(byte[] bytes) {
    byte[] masked = bytes.clone();
    for (int i = 0; i < masked.length; i++) {
      int bitsInByte = Math.clamp(prefixBits - i * 8L, 0, 8);
      masked[i] &= (byte) (0xFF << (8 - bitsInByte));
    }
    return masked;
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Cidr that && prefixBits == that.prefixBits && Arrays.equals(network, that.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixBits;
  }

  @Override
  public String toString() {
    return IpLiterals.parseBytes(network) + "/" + prefixBits;
  }
}
