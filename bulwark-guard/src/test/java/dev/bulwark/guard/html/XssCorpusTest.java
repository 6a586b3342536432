package dev.bulwark.guard.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Cross-site scripting (CWE-79): payloads from the OWASP XSS Filter Evasion Cheat Sheet, each
 * through every sanitizer policy and every output-encoding context.
 */
class XssCorpusTest {
  /** Cases of the OWASP XSS Filter Evasion Cheat Sheet (cheatsheetseries.owasp.org), by its section names. */
  static final List<String[]> CORPUS = List.of(
      new String[] {"basic script", "<SCRIPT SRC=https://cdn.jsdelivr.net/gh/Moksh45/host-xss.rocks/index.js></SCRIPT>"},
      new String[] {"polyglot", "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"`/+/onmouseover=1/+/[*/[]/+alert(42);//'>"},
      new String[] {"img javascript directive", "<IMG SRC=\"javascript:alert('XSS');\">"},
      new String[] {"no quotes no semicolon", "<IMG SRC=javascript:alert('XSS')>"},
      new String[] {"case insensitive", "<IMG SRC=JaVaScRiPt:alert('XSS')>"},
      new String[] {"html entities", "<IMG SRC=javascript:alert(&quot;XSS&quot;)>"},
      new String[] {"grave accent", "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>"},
      new String[] {"malformed a tag", "<a onmouseover=\"alert(document.cookie)\">xxs link</a>"},
      new String[] {"malformed img", "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>"},
      new String[] {"fromCharCode", "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>"},
      new String[] {"default src onerror", "<IMG SRC=# onmouseover=\"alert('xxs')\">"},
      new String[] {"onerror alert", "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>"},
      new String[] {"decimal entities", "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>"},
      new String[] {"hex entities", "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>"},
      new String[] {"embedded tab", "<IMG SRC=\"jav\tascript:alert('XSS');\">"},
      new String[] {"embedded newline", "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">"},
      new String[] {"null byte", "<IMG SRC=java\0script:alert(\"XSS\")>"},
      new String[] {"spaces and meta chars", "<IMG SRC=\" &#14;  javascript:alert('XSS');\">"},
      new String[] {"non-alpha-non-digit", "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>"},
      new String[] {"body onload", "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>"},
      new String[] {"extraneous open brackets", "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>"},
      new String[] {"no closing script", "<SCRIPT SRC=http://xss.rocks/xss.js?< B >"},
      new String[] {"protocol resolution", "<SCRIPT SRC=//xss.rocks/.j>"},
      new String[] {"half open html", "<IMG SRC=\"`<javascript:alert>`('XSS')\""},
      new String[] {"end title", "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>"},
      new String[] {"input image", "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">"},
      new String[] {"body image", "<BODY BACKGROUND=\"javascript:alert('XSS')\">"},
      new String[] {"img dynsrc", "<IMG DYNSRC=\"javascript:alert('XSS')\">"},
      new String[] {"svg onload", "<svg/onload=alert('XSS')>"},
      new String[] {"style tag", "<STYLE>@import'http://xss.rocks/xss.css';</STYLE>"},
      new String[] {"style expression", "<DIV STYLE=\"width: expression(alert('XSS'));\">"},
      new String[] {"meta refresh", "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">"},
      new String[] {"meta data url", "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K\">"},
      new String[] {"iframe", "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>"},
      new String[] {"iframe event", "<IFRAME SRC=# onmouseover=\"alert(document.cookie)\"></IFRAME>"},
      new String[] {"frameset", "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>"},
      new String[] {"table background", "<TABLE BACKGROUND=\"javascript:alert('XSS')\">"},
      new String[] {"object", "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.rocks/scriptlet.html\"></OBJECT>"},
      new String[] {"embed svg", "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv\" AllowScriptAccess=\"always\"></EMBED>"},
      new String[] {"base tag", "<BASE HREF=\"javascript:alert('XSS');//\">"},
      new String[] {"link stylesheet", "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">"},
      new String[] {"anchor javascript", "<A HREF=\"javascript:document.location='http://www.google.com/'\">XSS</A>"},
      new String[] {"anchor vbscript", "<a href=\"vbscript:msgbox('XSS')\">x</a>"},
      new String[] {"anchor data", "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>"},
      new String[] {"conditional comment", "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->"},
      new String[] {"xml data island", "<XML ID=\"xss\"><I><B><IMG SRC=\"javas<!-- -->cript:alert('XSS')\"></B></I></XML>"},
      new String[] {"form action", "<form action=\"javascript:alert(1)\"><button>x</button></form>"},
      new String[] {"math href", "<math><a xlink:href=\"javascript:alert(1)\">x</a></math>"},
      new String[] {"details ontoggle", "<details open ontoggle=alert(1)>"});

  private static final Pattern DANGEROUS = Pattern.compile(
      "<\\s*/?\\s*(script|img|svg|iframe|frame|frameset|object|embed|style|link|meta|base|form|input|body|table|math|xml|details)\\b"
          + "|\\son[a-z]+\\s*=|javascript:|vbscript:|data:|expression\\(",
      Pattern.CASE_INSENSITIVE);

  static Stream<Arguments> casesAndPolicies() {
    return CORPUS.stream().flatMap(c -> Stream.of(HtmlPolicy.values()).map(p -> Arguments.of(p, c[0], c[1])));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("casesAndPolicies")
  void sanitizer_removesEveryActiveConstruct(HtmlPolicy policy, String name, String payload) {
    String out = policy.sanitize(payload);

    // Text between tags is escaped and inert; what can execute lives in tags and their attributes.
    var tags = Pattern.compile("<[^>]*>").matcher(out);
    while (tags.find()) {
      assertThat(DANGEROUS.matcher(decodeEntities(tags.group())).find()).as(name + " -> " + out).isFalse();
    }
    if (policy == HtmlPolicy.TEXT_ONLY) {
      assertThat(out).as(name).doesNotContain("<");
    }
  }

  static Stream<Arguments> casesAndContexts() {
    return CORPUS.stream().flatMap(c -> Stream.of(OutputContext.values()).map(x -> Arguments.of(x, c[0], c[1])));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("casesAndContexts")
  void encoder_leavesNoCharacterThatCanLeaveItsContext(OutputContext context, String name, String payload) {
    String out = context.encode(payload);

    switch (context) {
      case HTML_BODY -> assertThat(out).doesNotContain("<", ">");
      case HTML_ATTRIBUTE -> assertThat(out).doesNotContain("<", "\"", "'");
      case JAVASCRIPT_STRING -> assertThat(out).doesNotContain("\"", "'", "\n", "\r", "</", "\0");
      case URL_COMPONENT -> assertThat(out).matches("[A-Za-z0-9._~%-]*");
    }
  }

  @Test
  void links_areKeptWithForcedRel() {
    String out = HtmlPolicy.FORMATTING_AND_LINKS.sanitize("<a href=\"https://example.com/x\" rel=\"author\">ok</a> <b>bold</b>");

    assertThat(out).contains("href=\"https://example.com/x\"").contains("nofollow").contains("noopener").contains("noreferrer")
        .contains("<b>bold</b>");
    assertThat(HtmlPolicy.BASIC_FORMATTING.sanitize("<a href=\"https://example.com\">t</a><em>e</em>"))
        .isEqualTo("t<em>e</em>");
    assertThat(HtmlPolicy.TEXT_ONLY.sanitize("<b>tea</b> & cake")).isEqualTo("tea &amp; cake");
  }

  @Test
  void oversizedInput_isRefused() {
    assertThatThrownBy(() -> HtmlPolicy.TEXT_ONLY.sanitize("a".repeat(11), 10)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void safeUrl_allowsWebAndRelativeUrlsOnly() {
    assertThat(OutputContext.safeUrl("https://example.com/a?b=c&d=e")).isEqualTo("https://example.com/a?b=c&amp;d=e");
    assertThat(OutputContext.safeUrl("/profile/7")).isEqualTo("/profile/7");
    for (String bad : List.of("javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
        "java\nscript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>", "//evil.example/x",
        "/\\evil.example", "\u0001javascript:alert(1)", "relative/path")) {
      assertThat(OutputContext.safeUrl(bad)).as(bad).isEqualTo("about:invalid");
    }
  }

  /** Decodes numeric and the basic named entities, so an encoded "javascript:" cannot hide. */
  private static String decodeEntities(String html) {
    StringBuilder out = new StringBuilder();
    var m = Pattern.compile("&#(x?)([0-9a-fA-F]+);?|&(quot|amp|lt|gt|apos);").matcher(html);
    int last = 0;
    while (m.find()) {
      out.append(html, last, m.start());
      if (m.group(2) != null) {
        out.appendCodePoint(Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16));
      } else {
        out.append(switch (m.group(3)) {
          case "quot" -> '"';
          case "amp" -> '&';
          case "lt" -> '<';
          case "gt" -> '>';
          default -> '\'';
        });
      }
      last = m.end();
    }
    return out.append(html.substring(last)).toString().toLowerCase(Locale.ROOT);
  }
}
