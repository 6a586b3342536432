package dev.bulwark.guard.html;

import java.util.Locale;
import java.util.Objects;
import org.owasp.encoder.Encode;

/**
 * Contextual output encoding (OWASP Java Encoder) for untrusted text placed into HTML: pick the
 * context the value lands in, and the encoding that context needs (reflected and stored XSS,
 * CWE-79; OWASP XSS Prevention Cheat Sheet rules 1, 2, 3 and 5).
 *
 * {@snippet :
 * "<p>Hello " + OutputContext.HTML_BODY.encode(name) + "</p>"
 * "<input value=\"" + OutputContext.HTML_ATTRIBUTE.encode(name) + "\">"
 * "<script>var n = '" + OutputContext.JAVASCRIPT_STRING.encode(name) + "';</script>"
 * "<a href=\"/search?q=" + OutputContext.URL_COMPONENT.encode(query) + "\">"
 * }
 *
 * <p>Warning: an encoder makes text inert <em>inside its context</em> only. A whole URL from a user
 * in {@code href}/{@code src} needs {@link #safeUrl} first ({@code javascript:} is valid text in
 * every context); attributes must be quoted; never place untrusted text in a script outside a
 * quoted string, in a tag or attribute name, or in CSS. Thread-safe: stateless.
 */
public enum OutputContext {
  /** Text between tags: {@code <p>HERE</p>}. */
  HTML_BODY,
  /** A quoted attribute value: {@code <input value="HERE">} or {@code value='HERE'}. */
  HTML_ATTRIBUTE,
  /**
   * A JavaScript string literal inside {@code <script>} or an event handler: {@code 'HERE'} or
   * {@code "HERE"}; also encodes {@code /} so {@code </script>} cannot close the block.
   */
  JAVASCRIPT_STRING,
  /** One component of a URL (a path segment, a query name or value): percent-encoded UTF-8. */
  URL_COMPONENT;

  /** {@code untrusted}, encoded for this context; {@code null} becomes {@code "null"}. */
  public String encode(String untrusted) {
    return switch (this) {
      case HTML_BODY -> Encode.forHtmlContent(untrusted);
      case HTML_ATTRIBUTE -> Encode.forHtmlAttribute(untrusted);
      case JAVASCRIPT_STRING -> Encode.forJavaScript(untrusted);
      case URL_COMPONENT -> Encode.forUriComponent(untrusted);
    };
  }

  /**
   * A user-supplied URL made safe for a quoted {@code href} or {@code src}: an absolute {@code
   * http}/{@code https}/{@code mailto} URL, or a relative one starting with {@code /} (not {@code
   * //}), HTML-attribute encoded; anything else (e.g. {@code javascript:}, {@code data:}, {@code
   * vbscript:}, with or without tricks of case, whitespace and control characters) becomes {@code
   * "about:invalid"}.
   */
  public static String safeUrl(String untrustedUrl) {
    Objects.requireNonNull(untrustedUrl, "untrustedUrl");
    String url = untrustedUrl.strip();
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      // Browsers drop tabs and newlines inside schemes ("java\tscript:"), and controls are never valid.
      if (c < 0x20 || c == 0x7f || Character.isWhitespace(c)) {
        return "about:invalid";
      }
    }
    String lower = url.toLowerCase(Locale.ROOT);
    boolean allowed = lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("mailto:")
        || (lower.startsWith("/") && !lower.startsWith("//") && !lower.startsWith("/\\"));
    return allowed ? Encode.forHtmlAttribute(url) : "about:invalid";
  }
}
