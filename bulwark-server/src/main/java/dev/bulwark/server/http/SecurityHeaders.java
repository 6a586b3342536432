package dev.bulwark.server.http;

import io.javalin.http.Context;

/**
 * The headers every response carries, errors and 404s included: a CSP that forbids everything
 * ({@code default-src 'none'; frame-ancestors 'none'}: an API response rendered in a browser can run
 * nothing and cannot be framed), {@code nosniff}, {@code no-referrer}, {@code no-store} (tokens and
 * secrets must not sit in caches), and HSTS when the server speaks TLS. Stateless.
 */
public final class SecurityHeaders {
  /** Two years, with subdomains: the value the HSTS preload list asks for. */
  static final String HSTS = "max-age=63072000; includeSubDomains";

  private SecurityHeaders() {}

  /** Sets the headers on {@code ctx}; idempotent. */
  public static void apply(Context ctx, boolean tls) {
    ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cache-Control", "no-store");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    if (tls) {
      ctx.header("Strict-Transport-Security", HSTS);
    }
  }
}
