package dev.bulwark.guard.html;

import java.util.Objects;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Named HTML sanitizing policies on the OWASP Java HTML Sanitizer, for user-supplied rich text
 * that will be shown to other users (stored XSS, CWE-79).
 *
 * <p>Guarantee: the output of {@link #sanitize} is well-formed HTML holding only the elements and
 * attributes the policy names; scripts, event handlers, styles, frames, forms, SVG/MathML and every
 * URL whose scheme is not {@code http}, {@code https} or {@code mailto} are removed (not escaped).
 * Text is kept and HTML-escaped. The policies are an allowlist, so an element invented tomorrow is
 * removed too.
 *
 * {@snippet :
 * String safe = HtmlPolicy.FORMATTING_AND_LINKS.sanitize(comment);
 * }
 *
 * <p>Warning: the output is safe in an HTML body only; never put it in an attribute, a script or a
 * URL (use {@link OutputContext} there). Thread-safe.
 */
public enum HtmlPolicy {
  /** No markup at all: every tag is dropped, the text is kept and escaped. */
  TEXT_ONLY(new HtmlPolicyBuilder().toFactory()),

  /** Text formatting: {@code b i u em strong s sub sup p br ul ol li blockquote code pre}. */
  BASIC_FORMATTING(formatting().toFactory()),

  /**
   * {@link #BASIC_FORMATTING} plus {@code <a href>} to {@code http}, {@code https} and {@code
   * mailto} URLs, each forced to {@code rel="nofollow noopener noreferrer"} (no SEO credit for
   * spam, no {@code window.opener} tab-nabbing, no referrer leak).
   */
  FORMATTING_AND_LINKS(formatting()
      .allowElements("a")
      .allowAttributes("href").onElements("a")
      .allowUrlProtocols("http", "https", "mailto")
      .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
      .toFactory());

  private final PolicyFactory policy;

  HtmlPolicy(PolicyFactory policy) {
    this.policy = policy;
  }

  /**
   * The sanitized form of {@code untrustedHtml}, safe to place in an HTML body.
   *
   * @throws IllegalArgumentException if longer than {@code maxChars} (sanitizing is linear, but a
   *     caller should bound what it stores)
   */
  public String sanitize(String untrustedHtml, int maxChars) {
    Objects.requireNonNull(untrustedHtml, "untrustedHtml");
    if (untrustedHtml.length() > maxChars) {
      throw new IllegalArgumentException("HTML longer than " + maxChars + " characters");
    }
    return policy.sanitize(untrustedHtml);
  }

  /** {@link #sanitize(String, int)} bounded by {@code dev.bulwark.guard.Limits.defaults().maxStringLength()}. */
  public String sanitize(String untrustedHtml) {
    return sanitize(untrustedHtml, dev.bulwark.guard.Limits.defaults().maxStringLength());
  }

  private static HtmlPolicyBuilder formatting() {
    return new HtmlPolicyBuilder().allowElements(
        "b", "i", "u", "em", "strong", "s", "sub", "sup", "p", "br", "ul", "ol", "li", "blockquote", "code", "pre");
  }
}
