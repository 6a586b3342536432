package dev.bulwark.auth.ratelimit;

import dev.bulwark.crypto.hash.DigestAlgorithm;
import dev.bulwark.crypto.hash.Digests;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Whom a request is counted against: the verified identity when there is one, otherwise the client
 * address. An identity is the stronger key (an attacker rotating addresses stays one account, and
 * users behind one NAT do not share a budget); the address is the fallback for anonymous traffic.
 *
 * <p>IPv6 addresses are counted per /64 network, because one host normally owns a whole /64 and
 * could otherwise take a fresh address for every request. The key text is a SHA-256 of the input,
 * so no user name or address is written to Redis or the database, and every key has the same
 * bounded length.
 *
 * {@snippet :
 * RateLimitKey key = RateLimitKey.of(verifiedSubject, resolver.resolve(peer, forwardedFor));
 * }
 *
 * <p>Warning: pass only an identity that was verified (a checked token or session), never a user
 * name from the request body, or an attacker picks a fresh key per request.
 *
 * <p>Immutable value.
 */
public final class RateLimitKey {
  private static final int MAX_IDENTITY_CHARS = 1024;
  private static final int IPV6_NETWORK_BYTES = 8;

  private final String value;

  private RateLimitKey(String value) {
    this.value = value;
  }

  /**
   * The key for a verified identity (a user id, a token subject, an API key id).
   *
   * @throws IllegalArgumentException if it is blank or longer than 1024 characters
   */
  public static RateLimitKey forIdentity(String verifiedIdentity) {
    Objects.requireNonNull(verifiedIdentity, "verifiedIdentity");
    if (verifiedIdentity.isBlank() || verifiedIdentity.length() > MAX_IDENTITY_CHARS) {
      throw new IllegalArgumentException("an identity is 1 to " + MAX_IDENTITY_CHARS + " non-blank characters");
    }
    return new RateLimitKey("id:" + hash(verifiedIdentity.getBytes(StandardCharsets.UTF_8)));
  }

  /** The key for a client address (an IPv6 address counts for its /64 network). */
  public static RateLimitKey forAddress(InetAddress clientAddress) {
    Objects.requireNonNull(clientAddress, "clientAddress");
    byte[] bytes = clientAddress.getAddress();
    if (clientAddress instanceof Inet6Address) {
      bytes = Arrays.copyOf(bytes, IPV6_NETWORK_BYTES);
      return new RateLimitKey("net6:" + hash(bytes));
    }
    return new RateLimitKey("ip4:" + hash(bytes));
  }

  /** The identity's key if there is one, else the address's. */
  public static RateLimitKey of(Optional<String> verifiedIdentity, InetAddress clientAddress) {
    Objects.requireNonNull(verifiedIdentity, "verifiedIdentity");
    return verifiedIdentity.isPresent() ? forIdentity(verifiedIdentity.get()) : forAddress(clientAddress);
  }

  /** The stable text backends store the key under (at most 48 ASCII characters). */
  public String value() {
    return value;
  }

  private static String hash(byte[] input) {
    byte[] digest = Digests.digest(DigestAlgorithm.SHA256, input);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 24));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RateLimitKey that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "RateLimitKey[" + value + "]";
  }
}
