package dev.bulwark.server.http;

import dev.bulwark.auth.ratelimit.ClientAddressResolver;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The client address of a request: the TCP peer, unless trusted proxies are configured, in which
 * case auth's {@link ClientAddressResolver} walks {@code X-Forwarded-For} through them only. Never
 * the header alone: any client can write it, and would pick a fresh rate-limit budget per request.
 * Thread-safe.
 */
public final class ClientAddresses {
  /** The request attribute holding the resolved {@link InetAddress}. */
  public static final String ATTRIBUTE = "bulwark.client_address";

  private final ClientAddressResolver resolver;
  private final boolean peerOnly;

  /** @param trustedProxies CIDR ranges; empty = socket peer only */
  public ClientAddresses(List<String> trustedProxies) {
    this.resolver = trustedProxies.isEmpty() ? ClientAddressResolver.socketPeerOnly()
        : ClientAddressResolver.trustingProxies(trustedProxies);
    this.peerOnly = trustedProxies.isEmpty();
  }

  /** The resolved client address, computed once per request. */
  public InetAddress of(Context ctx) {
    InetAddress cached = ctx.attribute(ATTRIBUTE);
    if (cached != null) {
      return cached;
    }
    InetAddress peer = InetAddress.ofLiteral(Objects.requireNonNull(ctx.req().getRemoteAddr(), "remote address"));
    // With no trusted proxy the header is never consulted: skip copying it (every request passes here).
    List<String> forwarded = peerOnly ? List.of() : Collections.list(ctx.req().getHeaders("X-Forwarded-For"));
    InetAddress client = resolver.resolve(peer, forwarded);
    ctx.attribute(ATTRIBUTE, client);
    return client;
  }
}
