package dev.bulwark.guard.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.guard.Limits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.ErrorListener;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.helpers.DefaultHandler;

/**
 * XML external entities (CWE-611, OWASP XXE Prevention Cheat Sheet) and entity expansion
 * (CWE-776): every payload, through every factory, is refused, reads no file and makes no request.
 * A local HTTP server counts requests; a temporary file holds a canary the output must not contain.
 */
class XxeTest {
  private static final String CANARY = "canary-" + System.nanoTime();
  private static final AtomicInteger REQUESTS = new AtomicInteger();
  private static ServerSocket server;
  private static String url;
  @TempDir static Path dir;
  private static String fileUri;

  @BeforeAll
  static void start() throws IOException {
    // A bare socket server (java.base only) that counts every connection and answers like a DTD host.
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> {
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          REQUESTS.incrementAndGet();
          socket.getOutputStream().write(("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n"
              + "<!ENTITY leaked 'from-server'>").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException closed) {
          // The server socket was closed at the end of the class.
        }
      }
    });
    url = "http://127.0.0.1:" + server.getLocalPort();
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, CANARY);
    fileUri = secret.toUri().toString();
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  /** Payloads named after the attack; FILE and URL are filled in per run. */
  static List<String[]> payloads() {
    StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    laughs.append("]><lolz>&lol9;</lolz>");
    String big = "a".repeat(10_000);
    return List.of(
        new String[] {"external-file-entity", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"FILE\">]><r>&x;</r>"},
        new String[] {"external-url-entity", "<!DOCTYPE r [<!ENTITY x SYSTEM \"URL/entity\">]><r>&x;</r>"},
        new String[] {"external-parameter-entity", "<!DOCTYPE r [<!ENTITY % p SYSTEM \"URL/param.dtd\"> %p;]><r>&leaked;</r>"},
        new String[] {"out-of-band-exfiltration",
            "<!DOCTYPE r [<!ENTITY % f SYSTEM \"FILE\"><!ENTITY % e \"<!ENTITY &#x25; x SYSTEM 'URL/?d=%f;'>\"> %e; %x;]><r/>"},
        new String[] {"external-dtd", "<!DOCTYPE r SYSTEM \"URL/ext.dtd\"><r>&leaked;</r>"},
        new String[] {"public-id-dtd", "<!DOCTYPE r PUBLIC \"-//X//Y\" \"URL/pub.dtd\"><r/>"},
        new String[] {"billion-laughs", laughs.toString()},
        new String[] {"quadratic-blowup", "<!DOCTYPE r [<!ENTITY a \"" + big + "\">]><r>" + "&a;".repeat(10_000) + "</r>"},
        new String[] {"internal-entity", "<!DOCTYPE r [<!ENTITY a \"harmless\">]><r>&a;</r>"});
  }

  /** A way to parse, as a user holds it; returns all text it produced. */
  interface Parser {
    String parse(byte[] xml) throws Exception;
  }

  static Stream<Arguments> attacks() {
    List<Arguments> all = new ArrayList<>();
    for (String[] payload : payloads()) {
      for (String parser : List.of("dom", "sax", "stax", "transformer", "safe-dom", "safe-sax")) {
        all.add(Arguments.of(parser, payload[0], payload[1]));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("attacks")
  void attack_isRejectedWithoutFileOrNetworkAccess(String parserName, String attack, String template) {
    REQUESTS.set(0);
    byte[] xml = template.replace("FILE", fileUri).replace("URL", url).getBytes(StandardCharsets.UTF_8);
    StringBuilder output = new StringBuilder();

    assertThatThrownBy(() -> output.append(parser(parserName).parse(xml))).as(attack).isInstanceOf(Exception.class);

    assertThat(REQUESTS.get()).as("HTTP requests made by " + attack).isZero();
    assertThat(output.toString()).doesNotContain(CANARY).doesNotContain("from-server");
  }

  @Test
  void safeParsers_throwTheTypedExceptionNamingTheDoctype() {
    byte[] xml = "<!DOCTYPE r [<!ENTITY a \"b\">]><r>&a;</r>".getBytes(StandardCharsets.UTF_8);
    SafeXml safe = SafeXml.create(Limits.defaults());
    assertThatThrownBy(() -> safe.parseDocument(xml)).isInstanceOf(XmlRejectedException.class).hasMessageContaining("DOCTYPE");
    assertThatThrownBy(() -> safe.parseSax(xml, new DefaultHandler())).isInstanceOf(XmlRejectedException.class).hasMessageContaining("DOCTYPE");
  }

  @Test
  void xinclude_isNotProcessed() throws Exception {
    byte[] xml = ("<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"" + fileUri + "\" parse=\"text\"/></r>")
        .getBytes(StandardCharsets.UTF_8);
    for (String name : List.of("dom", "safe-dom", "stax", "transformer")) {
      assertThat(parser(name).parse(xml)).as(name).doesNotContain(CANARY);
    }
  }

  @Test
  void ordinaryDocument_parsesEverywhere() throws Exception {
    byte[] xml = "<?xml version=\"1.0\"?><order id=\"7\"><item>tea &amp; cake</item></order>".getBytes(StandardCharsets.UTF_8);
    for (String name : List.of("dom", "sax", "stax", "transformer", "safe-dom", "safe-sax")) {
      assertThat(parser(name).parse(xml)).as(name).contains("tea & cake");
    }
  }

  @Test
  void deepNestingAndOversizedDocuments_areRejected() {
    SafeXml safe = SafeXml.create(Limits.defaults().withMaxNestingDepth(20).withMaxDocumentBytes(10_000));
    byte[] deep = ("<a>".repeat(30) + "</a>".repeat(30)).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> safe.parseDocument(deep)).isInstanceOf(XmlRejectedException.class);
    assertThatThrownBy(() -> safe.parseSax(deep, new DefaultHandler())).isInstanceOf(XmlRejectedException.class);
    byte[] big = ("<a>" + "x".repeat(20_000) + "</a>").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> safe.parseDocument(big)).isInstanceOf(XmlRejectedException.class).hasMessageContaining("longer than");
  }

  private static Parser parser(String name) {
    Limits limits = Limits.defaults();
    return switch (name) {
      case "dom" -> xml -> {
        var builder = SafeXmlFactories.documentBuilderFactory(limits).newDocumentBuilder();
        builder.setErrorHandler(new DefaultHandler()); // quiet: the default prints to stderr
        return builder.parse(new ByteArrayInputStream(xml)).getDocumentElement().getTextContent();
      };
      case "sax" -> xml -> {
        StringBuilder text = new StringBuilder();
        SafeXmlFactories.saxParserFactory(limits).newSAXParser().parse(new ByteArrayInputStream(xml), collector(text));
        return text.toString();
      };
      case "stax" -> xml -> {
        XMLStreamReader reader = SafeXmlFactories.xmlInputFactory(limits).createXMLStreamReader(new ByteArrayInputStream(xml));
        StringBuilder text = new StringBuilder();
        while (reader.hasNext()) {
          int event = reader.next();
          if (reader.hasText()) {
            text.append(reader.getText());
          }
          if (event == XMLStreamReader.ENTITY_REFERENCE) {
            throw new IllegalStateException("unexpanded entity reference");
          }
        }
        return text.toString();
      };
      case "transformer" -> xml -> {
        Transformer transformer = SafeXmlFactories.transformerFactory(limits).newTransformer();
        transformer.setErrorListener(new RethrowingListener());
        StringWriter out = new StringWriter();
        transformer.transform(new StreamSource(new StringReader(new String(xml, StandardCharsets.UTF_8))), new StreamResult(out));
        return out.toString().replace("&amp;", "&");
      };
      case "safe-dom" -> xml -> SafeXml.create(limits).parseDocument(xml).getDocumentElement().getTextContent();
      case "safe-sax" -> xml -> {
        StringBuilder text = new StringBuilder();
        SafeXml.create(limits).parseSax(xml, collector(text));
        return text.toString();
      };
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static DefaultHandler collector(StringBuilder text) {
    return new DefaultHandler() {
      @Override
      public void characters(char[] ch, int start, int length) {
        text.append(ch, start, length);
      }
    };
  }

  private static final class RethrowingListener implements ErrorListener {
    @Override
    public void warning(TransformerException e) {}

    @Override
    public void error(TransformerException e) throws TransformerException {
      throw e;
    }

    @Override
    public void fatalError(TransformerException e) throws TransformerException {
      throw e;
    }
  }
}
